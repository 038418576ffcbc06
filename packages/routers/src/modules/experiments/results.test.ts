import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../lib/time';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { defineTestMetrics, experimentInput } from '../../testing/experiments';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { emitted } from '../../testing/telemetry';
import type { TClientEventInput } from '../telemetry/schema';

type Caller = Awaited<ReturnType<TestHarness['signIn']>>['caller'];
const PRODUCT = 'platform';

/** mulberry32, so the synthetic data set is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Thousands of assignments and events: minutes on the Cosmos-compatible server (ROUTERS_TEST_DRIVER=cosmos). */
const HEAVY = { timeout: 300_000 };

describe('experiments: results over a synthetic data set, SRM and conclusion into the flag', () => {
  let h: TestHarness;
  let admin: Caller;
  const assign = (experiment: string, userId: string) =>
    h.services.experiments
      .assign(PRODUCT, { userId, attributes: {} })
      .then((r) => r.assignments.find((a) => a.experimentKey === experiment));
  const ingest = async (events: TClientEventInput[]) => {
    for (let i = 0; i < events.length; i += 500) {
      const result = await h.services.telemetry.ingest(PRODUCT, events.slice(i, i + 500), null);
      expect(result.accepted).toBe(events.slice(i, i + 500).length);
    }
  };
  const event = (
    name: string,
    userId: string,
    at: number,
    props?: Record<string, number>,
  ): TClientEventInput => ({
    name,
    level: 'info',
    at: new Date(at).toISOString(),
    userId,
    platform: 'ios',
    appVersion: '2.0.0',
    ...(props ? { props } : {}),
  });

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    await defineTestMetrics(admin);
    await admin.experiments.metrics.create({
      key: 'minutes',
      name: 'Dictation minutes',
      kind: 'sum',
      numerator: { source: 'usage', event: 'dictation_minutes' },
      windowHours: null,
    });
  });
  afterAll(async () => h.close());

  it(
    'recovers a known effect: +50 % purchases, CUPED on opens, a harmed guardrail, usage sums',
    HEAVY,
    async () => {
      const random = seeded(7);
      const t0 = h.clock();
      await admin.experiments.create(
        experimentInput('known-effect', {
          secondaryMetrics: ['opens', 'revenue-per-open', 'minutes'],
          guardrailMetrics: ['crashes'],
        }),
      );
      // Before the experiment: each user's habit (opens a week before), the CUPED covariate.
      const users = Array.from({ length: 1600 }, (_, i) => ({
        id: `u-${i}`,
        habit: Math.floor(random() * 6),
      }));
      await ingest(
        users.flatMap((u) => Array.from({ length: u.habit }, () => event('app.open', u.id, t0 - 7 * DAY_MS))),
      );
      await admin.experiments.start({ id: 'known-effect' });
      type Row = {
        id: string;
        habit: number;
        opens: number;
        purchase: number;
        amount: number;
        late: number;
        crash: number;
        minutes: number;
      };
      const arms: Row[][] = [[], []];
      for (const u of users) {
        const a = await assign('known-effect', u.id);
        if (!a?.inExperiment) throw new Error(`${u.id} not assigned`);
        arms[a.variationIndex]?.push({
          ...u,
          opens: 0,
          purchase: 0,
          amount: 0,
          late: 0,
          crash: 0,
          minutes: 0,
        });
      }
      h.advance(5 * DAY_MS);
      const post: TClientEventInput[] = [];
      for (const [variation, arm] of arms.entries()) {
        arm.forEach((u, i) => {
          u.opens = u.habit + variation + (i % 3 === 0 ? 1 : 0);
          for (let k = 0; k < u.opens; k++) post.push(event('app.open', u.id, t0 + (k + 1) * HOUR_MS));
          // Exactly 10 % of control and 15 % of treatment buy within the window; 5 % more of control buy too late.
          const rate = variation === 0 ? 10 : 15;
          const share = (percent: number) => Math.round((arm.length * percent) / 100);
          if (i < share(rate)) {
            u.purchase = 1;
            u.amount = 10 + (i % 7);
            post.push(event('checkout.purchase', u.id, t0 + 30 * HOUR_MS, { amount: u.amount }));
          } else if (variation === 0 && i < share(rate + 5)) {
            u.late = 99;
            post.push(event('checkout.purchase', u.id, t0 + 100 * HOUR_MS, { amount: 99 }));
          }
          const crashRate = variation === 0 ? 4 : 12;
          if (i >= arm.length - share(crashRate)) {
            u.crash = 1;
            post.push(event('app.crash', u.id, t0 + 2 * HOUR_MS));
          }
        });
      }
      await ingest(post);
      for (const [variation, arm] of arms.entries()) {
        for (const u of arm.slice(0, 150)) {
          u.minutes = 2 + variation;
          await h.services.billing.usage.record(
            PRODUCT,
            { userId: 'admin', roles: ['admin'] },
            {
              metric: 'dictation_minutes',
              quantity: u.minutes,
              idempotencyKey: `minutes-${u.id}`,
              userId: u.id,
            },
          );
        }
      }

      const { results } = await admin.experiments.getResults({ id: 'known-effect', refresh: true });
      if (!results) throw new Error('no results');
      expect(results.units.map((u) => u.units)).toEqual(arms.map((a) => a.length));
      expect(results.srm.mismatch).toBe(false);
      expect(results.window).toEqual({
        from: new Date(t0).toISOString(),
        to: new Date(h.clock()).toISOString(),
      });
      const metric = (key: string) => {
        const m = results.metrics.find((x) => x.metricKey === key);
        if (!m) throw new Error(`no ${key}`);
        expect(m.error).toBeNull();
        return m;
      };
      const means = (key: string) => metric(key).variants.map((v) => v.mean);
      // Every per-variant value equals the one computed here straight from the data set.
      for (const [key, pick] of [
        ['purchase', (u: Row) => u.purchase],
        ['opens', (u: Row) => u.opens],
        ['crashes', (u: Row) => u.crash],
        ['minutes', (u: Row) => u.minutes],
      ] as const) {
        means(key).forEach((m, v) => {
          expect(m, key).toBeCloseTo(mean((arms[v] ?? []).map(pick)), 10);
        });
      }
      means('revenue-per-open').forEach((m, v) => {
        const arm = arms[v] ?? [];
        // No window: the late purchases count here, unlike in the 72-hour conversion.
        const revenue = arm.reduce((s, u) => s + u.amount + u.late, 0);
        expect(m).toBeCloseTo(revenue / arm.reduce((s, u) => s + u.opens, 0), 10);
      });

      const [purchase] = metric('purchase').treatments;
      const [control = 0, treatment = 0] = means('purchase');
      const truth = treatment / control - 1;
      expect(Math.abs(truth - 0.5)).toBeLessThan(0.02);
      expect(purchase?.frequentist.lift).toBeCloseTo(truth, 10);
      expect(purchase?.frequentist.significant).toBe(true);
      expect(purchase?.frequentist.ci[0]).toBeLessThan(0.5);
      expect(purchase?.frequentist.ci[1]).toBeGreaterThan(0.5);
      expect(purchase?.bayesian.chanceToWin).toBeGreaterThan(0.95);
      const [opens] = metric('opens').treatments;
      expect(opens?.cupedVarianceReduction).toBeGreaterThan(0.5);
      expect(metric('crashes').harmed).toBe(true);
      expect(metric('purchase').harmed).toBe(false);

      // The stored copy is what the next read answers, and the history keeps each computation.
      const stored = await admin.experiments.getResults({ id: 'known-effect' });
      expect(stored.results).toEqual(results);
      expect(stored.history).toEqual([
        expect.objectContaining({
          computedAt: results.computedAt,
          units: 1600,
          primary: expect.objectContaining({ lift: purchase?.frequentist.lift }),
        }),
      ]);
    },
  );

  it('computes running experiments hourly through the job', async () => {
    h.advance(HOUR_MS);
    const root = await h.root();
    const run = await root.caller.jobs.trigger({ name: 'experiment-results' });
    await h.services.jobRunner.whenIdle();
    expect((await root.caller.jobs.getRun({ id: run.id })).metrics).toMatchObject({ computed: 1, failed: 0 });
    const { results, history } = await admin.experiments.getResults({ id: 'known-effect' });
    expect(results).toMatchObject({ trigger: 'job', computedAt: new Date(h.clock()).toISOString() });
    expect(history).toHaveLength(2);
  });

  it("applies the experiment's sequential settings: always-valid intervals tightest near the tuning N", async () => {
    const primary = async (analysis: { sequential: boolean; sequentialTuning?: number }) => {
      await admin.experiments.update({ id: 'known-effect', analysis });
      const { results } = await admin.experiments.getResults({ id: 'known-effect', refresh: true });
      const [treatment] = results?.metrics[0]?.treatments ?? [];
      if (!treatment) throw new Error('no comparison');
      return treatment.frequentist;
    };
    const width = (f: { ci: [number, number] }) => f.ci[1] - f.ci[0];
    const fixed = await primary({ sequential: false });
    expect(fixed.sequential).toBe(false);
    // 1,600 units: N = 1600 fits the sample, N = 100 and GrowthBook's default 5000 are further off it.
    const fitted = await primary({ sequential: true, sequentialTuning: 1600 });
    const early = await primary({ sequential: true, sequentialTuning: 100 });
    const byDefault = await primary({ sequential: true, sequentialTuning: 5000 });
    for (const f of [fitted, early, byDefault]) {
      expect(f.sequential).toBe(true);
      expect(f.lift).toBe(fixed.lift);
      expect(width(f)).toBeGreaterThan(width(fixed));
    }
    expect(width(fitted)).toBeLessThan(width(early));
    expect(width(fitted)).toBeLessThan(width(byDefault));
    expect(byDefault.ci).not.toEqual(early.ci);
    await admin.experiments.update({
      id: 'known-effect',
      analysis: { sequential: false, sequentialTuning: 5000 },
    });
  });

  it('blocks conclusion on a sample ratio mismatch unless overridden with a reason', HEAVY, async () => {
    await admin.experiments.pause({ id: 'known-effect' });
    await admin.experiments.create(experimentInput('srm'));
    await admin.experiments.start({ id: 'srm' });
    for (let i = 0; i < 600; i++) await assign('srm', `srm-a-${i}`);
    // Changing weights mid-flight is the classic cause: the early units keep the old split.
    await admin.experiments.update({
      id: 'srm',
      variants: [
        { id: 'control', weight: 90 },
        { id: 'treatment', weight: 10 },
      ],
    });
    for (let i = 0; i < 600; i++) await assign('srm', `srm-b-${i}`);
    const refused = await trpcErrorOf(() =>
      admin.experiments.conclude({ id: 'srm', winningVariant: 'treatment', reason: 'Looks better' }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect((shapeOf(refused) as { data: { reason?: string } }).data.reason).toBe('sample_ratio_mismatch');
    const { results } = await admin.experiments.getResults({ id: 'srm' });
    expect(results?.srm.mismatch).toBe(true);
    expect(results?.srm.pValue).toBeLessThan(0.001);
    expect((await admin.experiments.get({ id: 'srm' })).status).toBe('running');
    const concluded = await admin.experiments.conclude({
      id: 'srm',
      winningVariant: null,
      reason: 'Stopped',
      srmOverrideReason: 'Weights were changed on purpose on day 2; the early cohort explains the split',
    });
    expect(concluded.conclusion).toMatchObject({
      srmOverrideReason: expect.stringContaining('Weights were changed'),
    });
  });

  it('concludes into the flag: a treatment winner rolls it to 100 %, control keeps it off; audited', async () => {
    await admin.flags.create({ key: 'new-checkout', enabled: false, percentage: 10 });
    await admin.flags.create({ key: 'old-banner', enabled: true, percentage: 30 });
    for (const [key, flagKey] of [
      ['flag-treatment', 'new-checkout'],
      ['flag-control', 'old-banner'],
    ] as const) {
      await admin.experiments.create(experimentInput(key, { flagKey }));
      await admin.experiments.start({ id: key });
      for (let i = 0; i < 40; i++) await assign(key, `${key}-${i}`);
    }
    const won = await admin.experiments.conclude({
      id: 'flag-treatment',
      winningVariant: 'treatment',
      reason: 'Won',
    });
    expect(won).toMatchObject({
      winningVariant: 'treatment',
      conclusion: { winningVariationIndex: 1, flagRollout: 'on' },
    });
    await admin.experiments.conclude({
      id: 'flag-control',
      winningVariant: 'control',
      reason: 'Control won',
    });
    await h.services.bus.drain();
    expect(await admin.flags.get({ id: 'new-checkout' })).toMatchObject({ enabled: true, percentage: 100 });
    expect(await admin.flags.get({ id: 'old-banner' })).toMatchObject({ enabled: false, percentage: 30 });
    expect(await emitted(admin, 'experiment.concluded')).toContainEqual(
      expect.objectContaining({ experimentId: 'flag-treatment', flagKey: 'new-checkout', flagRollout: 'on' }),
    );
    const audit = await admin.audit.list({ action: 'experiments.conclude' });
    expect(audit.items.map((e) => e.targetId).sort()).toEqual(['flag-control', 'flag-treatment', 'srm']);
  });
});
