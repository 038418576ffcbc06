import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_FUNNELS, FEATURES, seedProduct } from '../../testing/analytics-fixture';
import {
  addDay,
  daysFrom,
  loadRaw,
  type Raw,
  type ReferenceModel,
  referenceModel,
  subscriptionAt,
} from '../../testing/analytics-reference';
import { referenceFunnel, referenceRevenueDay } from '../../testing/analytics-reference-funnel';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { bucketsOf, dayNumber, dayString } from './days';
import { median } from './read-rollups';

/**
 * Every metric of a seeded product, as the views read it from rollups, equals the plain computation over the same
 * raw documents (testing/analytics-reference*.ts). The rollups are built the way an admin would: a recompute of
 * the whole history through the API, run in the background by the job runner.
 */

const PRODUCT = 'acme';
const FROM = '2026-03-01';
const TODAY = '2026-06-01';
const AS_OF = '2026-05-31';

type Caller = Awaited<ReturnType<typeof seedProduct>>['caller'];

let h: TestHarness;
let caller: Caller;
let raw: Raw;
let model: ReferenceModel;

beforeAll(async () => {
  h = await createTestHarness();
  ({ caller } = await seedProduct(h, PRODUCT, { users: 120, seed: 17 }));
  await caller.analytics.setFeatures({ features: FEATURES });
  for (const funnel of EXTRA_FUNNELS) await caller.analytics.setFunnel(funnel);
  await caller.analytics.triggerRecompute({ from: FROM, to: TODAY });
  await h.services.jobRunner.whenIdle();
  raw = await loadRaw(h.store, PRODUCT);
  model = referenceModel(raw, { features: FEATURES });
}, 240_000);
afterAll(async () => h.close());

const keysOf = (breakdown: 'none' | 'platform' | 'plan', series: { segment: string }[]) =>
  series.map((s) => (breakdown === 'none' ? 'all' : `${breakdown}:${s.segment}`));

describe('the seeded data', () => {
  it('spans platforms, plans and patterns', () => {
    expect(raw.users.length).toBe(120);
    expect(new Set(raw.events.map((e) => e.platform))).toEqual(new Set(['ios', 'android', 'web', 'macos']));
    expect(raw.usage.length).toBeGreaterThan(50);
    const moves = raw.subscriptions.flatMap((s) =>
      s.history.map((c) => `${c.fromPlan}>${c.toPlan}:${c.toStatus}`),
    );
    for (const move of [
      'free>pro:active',
      'pro>team:active',
      'team>pro:active',
      'pro>pro:canceled',
      'pro>pro:active',
    ]) {
      expect(moves).toContain(move);
    }
  });

  it('was rebuilt by the background recompute, whose progress ended at its total', async () => {
    const { recompute } = await caller.analytics.getRecompute();
    expect(recompute?.status).toBe('succeeded');
    expect(recompute?.progress.done).toBe(recompute?.progress.total);
    expect(recompute?.progress.total).toBe(daysFrom(FROM, TODAY).length + 3);
    const runs = await h.services.jobs.runs(PRODUCT, { jobName: 'analytics-recompute' });
    expect(runs.items.map((run) => [run.status, run.metrics.recomputes])).toEqual([['succeeded', 1]]);
  });
});

describe('active users', () => {
  it.each(['none', 'platform', 'plan'] as const)(
    'rolling DAU, WAU, MAU and stickiness by %s',
    async (breakdown) => {
      const view = await caller.analytics.getActiveUsers({ from: FROM, to: TODAY, breakdown });
      expect(view.window).toBe('rolling');
      expect(view.rolledUpAt).not.toBeNull();
      const keys = keysOf(breakdown, view.series);
      expect(keys.length).toBeGreaterThan(breakdown === 'none' ? 0 : 2);
      for (const [i, series] of view.series.entries()) {
        const key = keys[i] as string;
        const expected = daysFrom(FROM, TODAY).map((day) => {
          const [dau, wau, mau] = [model.dau(key, day), model.wau(key, day), model.mau(key, day)];
          return { period: day, dau, wau, mau, active: null, stickiness: mau > 0 ? dau / mau : null };
        });
        expect(series.points, key).toEqual(expected);
      }
      const total = view.series.reduce((sum, s) => sum + s.points.reduce((n, p) => n + (p.dau ?? 0), 0), 0);
      expect(total).toBeGreaterThan(500);
    },
  );

  it.each([
    ['week', 'none'],
    ['month', 'plan'],
    ['week', 'platform'],
  ] as const)('calendar %s by %s', async (granularity, breakdown) => {
    const view = await caller.analytics.getActiveUsers({ from: FROM, to: TODAY, granularity, breakdown });
    expect(view.window).toBe(granularity === 'week' ? 'calendar_week' : 'calendar_month');
    for (const [i, series] of view.series.entries()) {
      const key = keysOf(breakdown, view.series)[i] as string;
      const expected = bucketsOf(dayNumber(FROM), dayNumber(TODAY), granularity).map((b) => {
        const days = daysFrom(
          dayString(Math.max(b.start, dayNumber(FROM))),
          dayString(Math.min(b.end, dayNumber(TODAY))),
        );
        const active = model.distinct(key, days);
        const dau = days.reduce((sum, d) => sum + model.dau(key, d), 0) / days.length;
        return {
          period: dayString(b.start),
          dau,
          wau: null,
          mau: null,
          active,
          stickiness: active > 0 ? dau / active : null,
        };
      });
      expect(series.points, key).toEqual(expected);
    }
  });
});

describe('feature adoption', () => {
  it.each([
    ['day', 'none'],
    ['week', 'platform'],
    ['month', 'plan'],
  ] as const)('per %s by %s', async (granularity, breakdown) => {
    const view = await caller.analytics.getAdoption({ from: FROM, to: TODAY, granularity, breakdown });
    expect(view.features.map((f) => f.id)).toEqual(['export', 'share']);
    let adopters = 0;
    for (const [i, series] of view.series.entries()) {
      const key = keysOf(breakdown, view.series)[i] as string;
      const expected = bucketsOf(dayNumber(FROM), dayNumber(TODAY), granularity).map((b) => {
        const days = daysFrom(
          dayString(Math.max(b.start, dayNumber(FROM))),
          dayString(Math.min(b.end, dayNumber(TODAY))),
        );
        const a = model.adoption(key, days);
        adopters += a.features.reduce((x, y) => x + y, 0);
        return {
          period: dayString(b.start),
          active: a.active,
          features: FEATURES.map((f, j) => ({
            id: f.id,
            users: a.features[j],
            share: a.active ? (a.features[j] as number) / a.active : null,
          })),
        };
      });
      expect(series.points, key).toEqual(expected);
    }
    expect(adopters).toBeGreaterThan(20);
  });
});

describe('retention', () => {
  const cases = [
    ['signup', 'first_time', 'day', 'none'],
    ['signup', 'first_time', 'week', 'plan'],
    ['active', 'first_time', 'day', 'platform'],
    ['active', 'recurring', 'day', 'none'],
    ['active', 'recurring', 'week', 'platform'],
    ['active', 'first_time', 'week', 'none'],
  ] as const;
  it.each(cases)('cohorts by %s (%s), per %s, by %s', async (start, mode, granularity, breakdown) => {
    const view = await caller.analytics.getRetention({
      from: FROM,
      to: TODAY,
      start,
      mode,
      granularity,
      breakdown,
    });
    expect(view.asOf).toBe(AS_OF);
    const kind = start === 'signup' ? 'signup' : mode;
    let retained = 0;
    for (const [i, series] of view.series.entries()) {
      const key = keysOf(breakdown, view.series)[i] as string;
      const cohortStarts =
        granularity === 'day'
          ? daysFrom(FROM, TODAY)
          : bucketsOf(dayNumber(FROM), dayNumber(TODAY), 'week').map((b) => dayString(b.start));
      const expected = cohortStarts.map((c) => {
        const span = granularity === 'day' ? 1 : 7;
        const offsets = granularity === 'day' ? 31 : 13;
        const spans = Array.from({ length: offsets }, (_, n) =>
          daysFrom(addDay(c, n * span), addDay(c, n * span + span - 1)),
        );
        const r = model.cohort(kind, daysFrom(c, addDay(c, span - 1)), key, AS_OF, spans);
        retained += r.on.slice(1).reduce<number>((x, y) => x + (y ?? 0), 0);
        return { cohort: c, ...r };
      });
      expect(series.cohorts, key).toEqual(expected);
      for (const summary of series.summary) {
        const eligible = daysFrom(FROM, TODAY).filter((c) => addDay(c, summary.n) <= AS_OF);
        const rows = eligible.map((c) =>
          model.cohort(kind, [c], key, AS_OF, [daysFrom(addDay(c, summary.n), addDay(c, summary.n))]),
        );
        expect(summary.eligible, `${key} D${summary.n}`).toBe(rows.reduce((s, r) => s + r.size, 0));
        expect(summary.on, `${key} D${summary.n}`).toBe(rows.reduce((s, r) => s + (r.on[0] ?? 0), 0));
        expect(summary.onOrAfter, `${key} D${summary.n}`).toBe(
          rows.reduce((s, r) => s + (r.onOrAfter[0] ?? 0), 0),
        );
      }
    }
    expect(retained).toBeGreaterThan(10);
  });
});

describe('funnels', () => {
  const ids = ['default', ...EXTRA_FUNNELS.map((f) => f.id)];
  it.each(ids.flatMap((id) => (['none', 'platform', 'plan'] as const).map((b) => [id, b] as const)))(
    '%s by %s',
    async (funnelId, breakdown) => {
      const view = await caller.analytics.getFunnel({ from: FROM, to: TODAY, funnelId, breakdown });
      expect(view.stale).toBe(false);
      const expected = referenceFunnel(raw, model, view.funnel, FROM, TODAY);
      const keys = keysOf(breakdown, view.series);
      const expectedKeys = [...expected.keys()].filter((k) =>
        breakdown === 'none' ? k === 'all' : k.startsWith(`${breakdown}:`),
      );
      expect([...keys].sort()).toEqual(expectedKeys.sort());
      for (const [i, series] of view.series.entries()) {
        const figures = expected.get(keys[i] as string);
        expect(series.steps.map((s) => s.count)).toEqual(figures?.counts);
        expect(series.steps.map((s) => s.dropOff)).toEqual(
          figures?.counts.map((c, k) => (k === 0 ? 0 : (figures.counts[k - 1] as number) - c)),
        );
        expect(series.steps.map((s) => s.medianSecondsFromPrevious)).toEqual(
          figures?.durations.map((d, k) => (k === 0 ? null : d.length ? (median(d) as number) / 1000 : null)),
        );
        expect(series.medianSecondsToConvert).toEqual(
          figures?.total.length ? (median(figures.total) as number) / 1000 : null,
        );
      }
      const all = expected.get('all');
      expect(all?.counts[0]).toBeGreaterThan(10);
      if (breakdown === 'none') expect(all?.counts.at(-1)).toBeGreaterThan(0);
    },
  );
});

describe('revenue', () => {
  it('MRR, customers and each movement per day equal the day-by-day comparison of every subscription', async () => {
    const view = await caller.analytics.getRevenue({ from: FROM, to: TODAY, granularity: 'day' });
    const points = view.series[0]?.points ?? [];
    expect(points.map((p) => p.period)).toEqual(daysFrom(FROM, TODAY));
    for (const p of points) {
      const r = referenceRevenueDay(raw, p.period);
      const {
        mrr,
        customers,
        newCustomers,
        reactivatedCustomers,
        churnedCustomers,
        expansion,
        contraction,
        churned,
        reactivation,
      } = p;
      expect(
        {
          mrr,
          customers,
          new: p.new,
          expansion,
          contraction,
          churned,
          reactivation,
          newCustomers,
          reactivatedCustomers,
          churnedCustomers,
        },
        p.period,
      ).toEqual(r);
    }
    const sum = (f: (p: (typeof points)[number]) => number) => points.reduce((s, p) => s + f(p), 0);
    for (const f of [
      (p: (typeof points)[number]) => p.expansion,
      (p: (typeof points)[number]) => p.contraction,
      (p: (typeof points)[number]) => p.churned,
      (p: (typeof points)[number]) => p.reactivation,
    ]) {
      expect(sum(f)).toBeGreaterThan(0);
    }
  });

  it('monthly churn rates, ARPU and LTV follow the stated definitions from the daily figures', async () => {
    const view = await caller.analytics.getRevenue({ from: FROM, to: TODAY, granularity: 'month' });
    expect(view.currency).toBe('usd');
    expect(Object.keys(view.definitions)).toEqual(
      expect.arrayContaining(['mrr', 'grossMrrChurnRate', 'ltv']),
    );
    const buckets = bucketsOf(dayNumber(FROM), dayNumber(TODAY), 'month');
    expect(view.series[0]?.points.length).toBe(buckets.length);
    for (const [i, p] of (view.series[0]?.points ?? []).entries()) {
      const bucket = buckets[i] as { start: number; end: number };
      expect(p.period).toBe(dayString(Math.max(bucket.start, dayNumber(FROM))));
      const end = dayString(Math.min(bucket.end, dayNumber(TODAY)));
      const days = daysFrom(p.period, end).map((d) => referenceRevenueDay(raw, d));
      const start = referenceRevenueDay(raw, addDay(p.period, -1));
      const last = days.at(-1);
      const total = (k: 'churned' | 'contraction' | 'expansion' | 'reactivation' | 'churnedCustomers') =>
        days.reduce((s, d) => s + d[k], 0);
      expect(p.mrrStart).toBe(start.mrr);
      expect(p.mrr).toBe(last?.mrr);
      expect(p.customerChurnRate).toBe(start.customers ? total('churnedCustomers') / start.customers : null);
      expect(p.grossMrrChurnRate).toBe(
        start.mrr ? (total('churned') + total('contraction')) / start.mrr : null,
      );
      expect(p.netMrrChurnRate).toBe(
        start.mrr
          ? (total('churned') + total('contraction') - total('expansion') - total('reactivation')) / start.mrr
          : null,
      );
      const arpu = last?.customers ? last.mrr / last.customers : null;
      expect(p.arpu).toBe(arpu);
      const churned30 = daysFrom(addDay(end, -29), end).reduce(
        (s, d) => s + referenceRevenueDay(raw, d).churnedCustomers,
        0,
      );
      const base30 = referenceRevenueDay(raw, addDay(end, -30)).customers;
      expect(p.ltv).toBe(arpu !== null && base30 && churned30 ? arpu / (churned30 / base30) : null);
    }
  });

  it('breaks MRR down by plan, each plan holding the subscriptions on it at the end of the day', async () => {
    const view = await caller.analytics.getRevenue({
      from: AS_OF,
      to: AS_OF,
      granularity: 'day',
      breakdown: 'plan',
    });
    const end = Date.parse(`${AS_OF}T23:59:59.999Z`);
    const byPlan = new Map<string, number>();
    for (const s of raw.subscriptions) {
      const state = subscriptionAt(s, end);
      const plan = raw.plans.find((p) => p.code === state?.plan);
      if (!state || !plan || !['active', 'past_due'].includes(state.status) || plan.priceCents === 0)
        continue;
      const mrr = plan.interval === 'year' ? Math.round(plan.priceCents / 12) : plan.priceCents;
      byPlan.set(plan.code, (byPlan.get(plan.code) ?? 0) + mrr);
    }
    const shown = Object.fromEntries(
      view.series.map((s) => [s.segment, s.points[0]?.mrr]).filter(([, mrr]) => mrr),
    );
    expect(shown).toEqual(Object.fromEntries(byPlan));
    expect(byPlan.size).toBeGreaterThanOrEqual(3);
  });
});
