import type { DocumentStore } from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { TPlan } from '../modules/billing/plans/schema';
import type { TSubscription } from '../modules/billing/subscriptions/schema';
import type { DayCounterDoc } from '../modules/billing/usage/repository';
import { TELEMETRY_CONTAINERS } from '../modules/telemetry/containers';
import type { TelemetryEventDoc } from '../modules/telemetry/repository';
import { USERS_CONTAINERS } from '../modules/users/containers';
import type { UserDoc } from '../modules/users/repository';

/**
 * Test-only: the analytics figures computed the plain way, straight from every raw document of a product, with
 * no windows, counters, digests or rollups: a user is active on a day if some record of that day says so, and
 * every metric is a loop over users and days. Small data sets only.
 */

const DAY = 86_400_000;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDay = (day: string, n: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY);
export const daysFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDay(d, 1)) out.push(d);
  return out;
};

export type Raw = {
  events: TelemetryEventDoc[];
  usage: DayCounterDoc[];
  users: UserDoc[];
  subscriptions: TSubscription[];
  plans: TPlan[];
};

const all = async <T extends { id: string }>(store: DocumentStore, container: string, productId: string) => {
  const out: T[] = [];
  let continuation: string | null = null;
  do {
    const page = await store
      .container<T>(container)
      .query({ partitionKey: productId, limit: 1000, ...(continuation ? { continuation } : {}) });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return out;
};

export const loadRaw = async (store: DocumentStore, productId: string): Promise<Raw> => ({
  events: (await all<TelemetryEventDoc>(store, TELEMETRY_CONTAINERS.telemetryEvents.name, productId)).filter(
    (e) => e.userId !== null,
  ),
  usage: (await all<DayCounterDoc>(store, BILLING_CONTAINERS.usageDaily.name, productId)).filter(
    (u) => u.kind === 'day' && u.count > 0,
  ),
  users: (await all<UserDoc>(store, USERS_CONTAINERS.users.name, productId)).filter((u) => u.kind === 'user'),
  subscriptions: await all<TSubscription>(store, BILLING_CONTAINERS.subscriptions.name, productId),
  plans: await all<TPlan>(store, BILLING_CONTAINERS.plans.name, productId),
});

/** Plan and status of a subscription at an instant, replaying its history from the creation. */
export const subscriptionAt = (
  s: TSubscription,
  ms: number,
): { plan: string; status: string } | undefined => {
  if (Date.parse(s.createdAt) > ms) return undefined;
  const first = s.history[0];
  let state = first
    ? { plan: first.fromPlan ?? first.toPlan, status: first.fromStatus ?? first.toStatus }
    : { plan: s.planCode, status: s.status };
  for (const change of s.history)
    if (Date.parse(change.at) <= ms) state = { plan: change.toPlan, status: change.toStatus };
  return state;
};

export type ReferenceOptions = {
  features: { id: string; events: string[] }[];
  /** Which telemetry events make a user active (default: every one). */
  activeEvent?: (name: string) => boolean;
  /** Whether usage records make a user active (default: yes). */
  usage?: boolean;
};

export const referenceModel = (raw: Raw, options: ReferenceOptions) => {
  const defaultPlan = raw.plans.find((p) => p.isDefault)?.code ?? 'none';
  const subscriptionOf = new Map(raw.subscriptions.map((s) => [s.userId, s]));
  /** user -> day -> platforms of that day's events ('unknown' for a usage record alone). */
  const activity = new Map<string, Map<string, Set<string>>>();
  const features = new Map<string, Map<string, Set<string>>>();
  const note = (user: string, day: string, platform: string | null) => {
    const days = activity.get(user) ?? new Map<string, Set<string>>();
    activity.set(user, days);
    const set = days.get(day) ?? new Set<string>();
    days.set(day, set);
    if (platform) set.add(platform);
  };
  for (const e of raw.events) {
    const user = e.userId as string;
    if (options.activeEvent?.(e.name) ?? true) note(user, e.at.slice(0, 10), e.platform);
    for (const f of options.features) {
      if (!f.events.includes(e.name)) continue;
      const days = features.get(user) ?? new Map<string, Set<string>>();
      features.set(user, days);
      const set = days.get(e.at.slice(0, 10)) ?? new Set<string>();
      days.set(e.at.slice(0, 10), set);
      set.add(f.id);
    }
  }
  if (options.usage !== false) for (const u of raw.usage) note(u.userId, u.day, null);
  const users = [...new Set([...activity.keys(), ...raw.users.map((u) => u.id)])].sort();

  const isActive = (user: string, day: string) => activity.get(user)?.has(day) ?? false;
  const planOn = (user: string, day: string) => {
    const s = subscriptionOf.get(user);
    const state = s ? subscriptionAt(s, Date.parse(`${day}T00:00:00Z`) + DAY - 1) : undefined;
    return state && ['trialing', 'active', 'past_due'].includes(state.status) ? state.plan : defaultPlan;
  };
  /** Segments of a user on a day: all, each platform (or unknown), the plan. */
  const segments = (user: string, day: string): string[] => {
    const platforms = [...(activity.get(user)?.get(day) ?? [])].sort();
    return [
      'all',
      ...(platforms.length ? platforms.map((p) => `platform:${p}`) : ['platform:unknown']),
      `plan:${planOn(user, day)}`,
    ];
  };
  const activeIn = (user: string, segment: string, days: readonly string[]) =>
    days.some((d) => isActive(user, d) && segments(user, d).includes(segment));
  const count = (segment: string, days: readonly string[]) =>
    users.filter((u) => activeIn(u, segment, days)).length;

  const signupDay = new Map(raw.users.map((u) => [u.id, u.createdAt.slice(0, 10)]));
  const firstActive = new Map<string, string>();
  for (const [user, days] of activity) firstActive.set(user, [...days.keys()].sort()[0] as string);

  return {
    users,
    isActive,
    planOn,
    segments,
    dau: (segment: string, day: string) => count(segment, [day]),
    wau: (segment: string, day: string) => count(segment, daysFrom(addDay(day, -6), day)),
    mau: (segment: string, day: string) => count(segment, daysFrom(addDay(day, -29), day)),
    distinct: (segment: string, days: readonly string[]) => count(segment, days),
    /** Active users of the days in `segment`, and of those, who used each feature on one of the days. */
    adoption(segment: string, days: readonly string[]) {
      const active = users.filter((u) => activeIn(u, segment, days));
      const used = (u: string, f: string) => days.some((d) => features.get(u)?.get(d)?.has(f));
      return {
        active: active.length,
        features: options.features.map((f) => active.filter((u) => used(u, f.id)).length),
      };
    },
    /**
     * A cohort's members (with the day their start fell on) and, per offset, who was active then exactly and then
     * or later up to asOf. `spanOf(n)` gives offset n's days; an offset whose last day is after asOf is null.
     */
    cohort(
      kind: 'signup' | 'first_time' | 'recurring',
      cohortDays: readonly string[],
      segment: string,
      asOf: string,
      spans: readonly (readonly string[])[],
    ) {
      const members: [string, string][] = [];
      for (const u of users) {
        const start =
          kind === 'signup'
            ? cohortDays.find((d) => signupDay.get(u) === d)
            : kind === 'first_time'
              ? cohortDays.find((d) => firstActive.get(u) === d)
              : cohortDays.find((d) => isActive(u, d));
        if (start) members.push([u, start]);
      }
      const inSegment = members.filter(([u, d]) =>
        isActive(u, d)
          ? segments(u, d).includes(segment)
          : ['all', 'platform:unknown', `plan:${planOn(u, d)}`].includes(segment),
      );
      const later = (u: string, from: string) =>
        [...(activity.get(u)?.keys() ?? [])].some((d) => d >= from && d <= asOf);
      return {
        size: inSegment.length,
        on: spans.map((span) =>
          (span.at(-1) as string) > asOf
            ? null
            : inSegment.filter(([u]) => span.some((d) => isActive(u, d))).length,
        ),
        onOrAfter: spans.map((span) =>
          (span.at(-1) as string) > asOf
            ? null
            : inSegment.filter(([u]) => later(u, span[0] as string)).length,
        ),
      };
    },
  };
};

export type ReferenceModel = ReturnType<typeof referenceModel>;
