import type { TFunnel } from '../modules/analytics/schema';
import { addDay, daysFrom, type Raw, type ReferenceModel, subscriptionAt } from './analytics-reference';

/**
 * Test-only: funnels and revenue the plain way. A funnel is replayed per user and entry day over the user's whole
 * sorted event list; revenue compares every subscription's end-of-day MRR with the day before's, day by day.
 */

const DAY = 86_400_000;
type Ev = { id: string; name: string; atMs: number; platform: string | null; props: Record<string, unknown> };

const matchesStep = (step: TFunnel['steps'][number], e: Ev): boolean => {
  const nameOk = step.event.endsWith('*')
    ? e.name.startsWith(step.event.slice(0, -1))
    : e.name === step.event;
  return (
    nameOk &&
    step.filters.every((f) => {
      const v = f.property === 'platform' ? e.platform : e.props[f.property];
      if (f.operator === 'eq') return v === f.value;
      if (f.operator === 'neq') return v !== f.value;
      if (f.operator === 'exists') return v !== undefined && v !== null;
      if (f.operator === 'contains') return typeof v === 'string' && v.includes(String(f.value));
      if (f.operator === 'gt') return typeof v === 'number' && v > Number(f.value);
      return typeof v === 'number' && v < Number(f.value);
    })
  );
};

const mrrOfState = (raw: Raw, state: { plan: string; status: string } | undefined) => {
  if (!state || !['active', 'past_due'].includes(state.status)) return 0;
  const plan = raw.plans.find((p) => p.code === state.plan);
  if (!plan) return 0;
  return plan.interval === 'year' ? Math.round(plan.priceCents / 12) : plan.priceCents;
};

/** Every user's events in order (app events, and the built-in ones the funnel names). */
const timelines = (raw: Raw, funnel: TFunnel): Map<string, Ev[]> => {
  const out = new Map<string, Ev[]>();
  const push = (user: string, e: Ev) => out.set(user, [...(out.get(user) ?? []), e]);
  for (const e of raw.events) {
    push(e.userId as string, {
      id: e.id,
      name: e.name,
      atMs: Date.parse(e.at),
      platform: e.platform,
      props: e.props,
    });
  }
  const names = funnel.steps.map((s) => s.event);
  if (names.includes('$signup')) {
    for (const u of raw.users)
      push(u.id, {
        id: `$signup:${u.id}`,
        name: '$signup',
        atMs: Date.parse(u.createdAt),
        platform: null,
        props: {},
      });
  }
  if (names.includes('$subscription')) {
    for (const s of raw.subscriptions) {
      const moments = [Date.parse(s.createdAt), ...s.history.map((c) => Date.parse(c.at))].sort(
        (a, b) => a - b,
      );
      let paying = false;
      for (const ms of moments) {
        const now = mrrOfState(raw, subscriptionAt(s, ms)) > 0;
        if (now && !paying)
          push(s.userId, {
            id: `$subscription:${s.userId}:${ms}`,
            name: '$subscription',
            atMs: ms,
            platform: null,
            props: {},
          });
        paying = now;
      }
    }
  }
  for (const list of out.values())
    list.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
};

export type FunnelFigures = { counts: number[]; durations: number[][]; total: number[] };

/** Per segment: how many entries reached each step, and the times between steps (ms). */
export const referenceFunnel = (
  raw: Raw,
  model: ReferenceModel,
  funnel: TFunnel,
  from: string,
  to: string,
) => {
  const steps = funnel.steps;
  const out = new Map<string, FunnelFigures>();
  const row = (segment: string) => {
    const r = out.get(segment) ?? { counts: steps.map(() => 0), durations: steps.map(() => []), total: [] };
    out.set(segment, r);
    return r;
  };
  for (const [user, events] of timelines(raw, funnel)) {
    for (const day of daysFrom(from, to)) {
      const entry = events.findIndex(
        (e) =>
          new Date(e.atMs).toISOString().slice(0, 10) === day &&
          (funnel.order === 'unordered'
            ? steps.some((s) => s.nth === 1 && matchesStep(s, e))
            : matchesStep(steps[0] as TFunnel['steps'][number], e)),
      );
      if (entry < 0) continue;
      const start = events[entry] as Ev;
      const window = events.slice(entry).filter((e) => e.atMs <= start.atMs + funnel.windowDays * DAY);
      const countUpTo = (k: number, j: number) =>
        window.slice(0, j + 1).filter((e) => matchesStep(steps[k] as TFunnel['steps'][number], e)).length;
      let times: number[] = [];
      let endIndex = window.length - 1;
      if (funnel.order === 'unordered') {
        const done = steps
          .map((s, k) => window.findIndex((_, j) => countUpTo(k, j) >= s.nth))
          .filter((j) => j >= 0)
          .sort((a, b) => a - b);
        times = done.map((j) => (window[j] as Ev).atMs);
        if (done.length === steps.length) endIndex = done.at(-1) as number;
      } else {
        times = [start.atMs];
        let at = 0;
        for (let k = 1; k < steps.length; k++) {
          const step = steps[k] as TFunnel['steps'][number];
          let found = -1;
          for (let j = at + 1; j < window.length; j++) {
            const hit = matchesStep(step, window[j] as Ev);
            if (hit && countUpTo(k, j) >= step.nth) {
              found = j;
              break;
            }
            if (!hit && funnel.order === 'strict') {
              endIndex = j;
              break;
            }
          }
          if (found < 0) break;
          times.push((window[found] as Ev).atMs);
          at = found;
          if (k === steps.length - 1) endIndex = found;
        }
      }
      const platform = window.slice(0, endIndex + 1).find((e) => e.platform !== null)?.platform ?? 'unknown';
      for (const segment of ['all', `platform:${platform}`, `plan:${model.planOn(user, day)}`]) {
        const r = row(segment);
        for (let k = 0; k < times.length; k++) {
          r.counts[k] = (r.counts[k] as number) + 1;
          if (k > 0) r.durations[k]?.push((times[k] as number) - (times[k - 1] as number));
        }
        if (times.length === steps.length) r.total.push((times.at(-1) as number) - (times[0] as number));
      }
    }
  }
  return out;
};

export type RevenueDay = {
  mrr: number;
  customers: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
};

/** Revenue of one day for the `all` segment, by brute force over every subscription. */
export const referenceRevenueDay = (raw: Raw, day: string): RevenueDay => {
  const endOf = (d: string) => Date.parse(`${d}T00:00:00Z`) + DAY - 1;
  const r: RevenueDay = {
    mrr: 0,
    customers: 0,
    new: 0,
    expansion: 0,
    contraction: 0,
    churned: 0,
    reactivation: 0,
    newCustomers: 0,
    reactivatedCustomers: 0,
    churnedCustomers: 0,
  };
  for (const s of raw.subscriptions) {
    const m = (d: string) => mrrOfState(raw, subscriptionAt(s, endOf(d)));
    const today = m(day);
    const before = m(addDay(day, -1));
    if (today > 0) {
      r.mrr += today;
      r.customers += 1;
    }
    if (before === 0 && today > 0) {
      const created = s.createdAt.slice(0, 10);
      const paidBefore =
        created <= addDay(day, -2) && daysFrom(created, addDay(day, -2)).some((d) => m(d) > 0);
      if (paidBefore) {
        r.reactivation += today;
        r.reactivatedCustomers += 1;
      } else {
        r.new += today;
        r.newCustomers += 1;
      }
    } else if (before > 0 && today === 0) {
      r.churned += before;
      r.churnedCustomers += 1;
    } else if (today > before) r.expansion += today - before;
    else if (today < before) r.contraction += before - today;
  }
  return r;
};
