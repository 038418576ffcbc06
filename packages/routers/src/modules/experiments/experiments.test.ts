import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { defineTestMetrics, experimentInput } from '../../testing/experiments';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { emitted } from '../../testing/telemetry';

type Caller = Awaited<ReturnType<TestHarness['signIn']>>['caller'];

/** Expects a 409 whose fields name `path`. */
const expectConflict = async (fn: () => Promise<unknown>, path: string) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { fields?: { path: string }[] } };
  expect(error.code, error.message).toBe('CONFLICT');
  expect((shape.data.fields ?? []).map((f) => f.path)).toContain(path);
  return error;
};

describe('experiments: definitions and lifecycle', () => {
  let h: TestHarness;
  let admin: Caller;

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    await defineTestMetrics(admin);
    await admin.flags.create({ key: 'new-checkout', enabled: false, percentage: 0 });
  });
  afterAll(async () => h.close());

  it('creates a draft with the GrowthBook defaults: seed = key, hash v2, coverage 1, userId', async () => {
    const created = await admin.experiments.create(experimentInput('checkout-button'));
    expect(created).toMatchObject({
      id: 'checkout-button',
      key: 'checkout-button',
      status: 'draft',
      seed: 'checkout-button',
      hashVersion: 2,
      coverage: 1,
      hashAttribute: 'userId',
      fallbackAttribute: null,
      namespace: null,
      targetingRules: { percentage: 100, platforms: [] },
      analysis: { alpha: 0.05, cuped: true, preExposureDays: 14, sequential: false, sequentialTuning: 5000 },
      results: null,
    });
    expect(await admin.experiments.get({ id: 'checkout-button' })).toEqual(created);
    const list = await admin.experiments.list({ status: 'draft' });
    expect(list.items.map((e) => e.id)).toContain('checkout-button');
    expect(list.total).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad definitions with a 400 naming the field', async () => {
    await expectFieldError(
      () =>
        admin.experiments.create(
          experimentInput('bad-weights', {
            variants: [
              { id: 'control', weight: 50 },
              { id: 'treatment', weight: 40 },
            ],
          }),
        ),
      'variants',
    );
    await expectFieldError(
      () =>
        admin.experiments.create(
          experimentInput('dup-variant', {
            variants: [
              { id: 'a', weight: 50 },
              { id: 'a', weight: 50 },
            ],
          }),
        ),
      'variants.1.id',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('no-metric', { primaryMetric: 'nope' })),
      'primaryMetric',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('no-metric-2', { guardrailMetrics: ['opens', 'nope'] })),
      'guardrailMetrics.1',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('no-flag', { flagKey: 'missing-flag' })),
      'flagKey',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('bad-ns', { namespace: ['pricing', 0.6, 0.2] })),
      'namespace',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('bad-coverage', { coverage: 1.5 })),
      'coverage',
    );
    await expectFieldError(
      () =>
        admin.experiments.create(
          experimentInput('bad-qa', { forcedVariants: [{ userId: 'qa-1', variant: 'purple' }] }),
        ),
      'forcedVariants.0.variant',
    );
    await expectFieldError(
      () => admin.experiments.create(experimentInput('bad-version', { hashVersion: 3 as 2 })),
      'hashVersion',
    );
    await expectFieldError(() => admin.experiments.create(experimentInput('metrics')), 'key');
    await expectFieldError(
      () =>
        admin.experiments.metrics.create({
          key: 'ratio-no-den',
          name: 'x',
          kind: 'ratio',
          numerator: { source: 'telemetry', event: 'a' },
        }),
      'denominator',
    );
    const taken = await expectConflict(
      () => admin.experiments.create(experimentInput('checkout-button')),
      'key',
    );
    expect(taken.message).toContain('checkout-button');
    // Nothing of the refused ones was stored.
    expect((await admin.experiments.list({})).items.map((e) => e.id)).toEqual(['checkout-button']);
  });

  it('runs draft -> running -> paused -> running -> concluded, each transition with its event', async () => {
    await admin.experiments.create(experimentInput('lifecycle', { flagKey: 'new-checkout' }));
    await expectConflict(() => admin.experiments.pause({ id: 'lifecycle' }), 'id');
    const started = await admin.experiments.start({ id: 'lifecycle' });
    expect(started.status).toBe('running');
    expect(started.startedAt).toBe(new Date(h.clock()).toISOString());
    await expectConflict(() => admin.experiments.start({ id: 'lifecycle' }), 'id');
    await expectConflict(() => admin.experiments.delete({ id: 'lifecycle' }), 'id');
    h.advance(60_000);
    expect((await admin.experiments.pause({ id: 'lifecycle' })).status).toBe('paused');
    h.advance(60_000);
    const resumed = await admin.experiments.start({ id: 'lifecycle' });
    expect(resumed.startedAt).toBe(started.startedAt);
    await expectFieldError(
      () => admin.experiments.conclude({ id: 'lifecycle', winningVariant: 'purple', reason: 'x' }),
      'winningVariant',
    );
    const concluded = await admin.experiments.conclude({
      id: 'lifecycle',
      winningVariant: null,
      reason: 'Stopped: the checkout redesign was cancelled',
    });
    expect(concluded).toMatchObject({
      status: 'concluded',
      winningVariant: null,
      conclusion: { winningVariationIndex: null, flagRollout: 'unchanged', srmOverrideReason: null },
    });
    expect(concluded.results?.units.map((u) => u.units)).toEqual([0, 0]);
    await expectConflict(() => admin.experiments.update({ id: 'lifecycle', name: 'x' }), 'id');
    await expectConflict(() => admin.experiments.start({ id: 'lifecycle' }), 'id');

    await h.services.bus.drain();
    // Newest first: the resume, then the first start.
    const starts = (await emitted(admin, 'experiment.started')).filter((e) => e.experimentId === 'lifecycle');
    expect(starts.map((e) => e.resumed)).toEqual([true, false]);
    expect(await emitted(admin, 'experiment.concluded')).toContainEqual(
      expect.objectContaining({ experimentId: 'lifecycle', winningVariant: null, flagRollout: 'unchanged' }),
    );
    const removed = await admin.experiments.delete({ id: 'lifecycle' });
    expect(removed.status).toBe('concluded');
    await expect(admin.experiments.get({ id: 'lifecycle' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fixes the hashing once started but lets weights, coverage and targeting change', async () => {
    await admin.experiments.create(experimentInput('fixed-hashing'));
    // A draft may change anything.
    const draft = await admin.experiments.update({ id: 'fixed-hashing', seed: 'other-seed', hashVersion: 1 });
    expect(draft).toMatchObject({ seed: 'other-seed', hashVersion: 1 });
    await admin.experiments.start({ id: 'fixed-hashing' });
    await expectConflict(() => admin.experiments.update({ id: 'fixed-hashing', seed: 'third' }), 'seed');
    await expectConflict(
      () => admin.experiments.update({ id: 'fixed-hashing', namespace: ['ns', 0, 0.5] }),
      'namespace',
    );
    await expectConflict(
      () =>
        admin.experiments.update({
          id: 'fixed-hashing',
          variants: [
            { id: 'control', weight: 50 },
            { id: 'other', weight: 50 },
          ],
        }),
      'variants',
    );
    const reweighted = await admin.experiments.update({
      id: 'fixed-hashing',
      variants: [
        { id: 'control', weight: 80 },
        { id: 'treatment', weight: 20 },
      ],
      coverage: 0.5,
      analysis: { sequential: true },
    });
    expect(reweighted).toMatchObject({
      coverage: 0.5,
      variants: [{ weight: 80 }, { weight: 20 }],
      analysis: { sequential: true, alpha: 0.05 },
    });
    await h.services.bus.drain();
    expect(await emitted(admin, 'experiment.updated')).toContainEqual({
      experimentId: 'fixed-hashing',
      changes: ['variants', 'coverage', 'analysis'],
    });
  });

  it('changes only the analysis settings a PATCH names (the CUPED switch keeps the rest)', async () => {
    await admin.experiments.create(
      experimentInput('analysis-settings', {
        analysis: {
          alpha: 0.1,
          sequential: true,
          sequentialTuning: 20_000,
          cuped: true,
          preExposureDays: 7,
          decisionThreshold: 0.9,
        },
      }),
    );
    const switched = await admin.experiments.update({ id: 'analysis-settings', analysis: { cuped: false } });
    expect(switched.analysis).toEqual({
      alpha: 0.1,
      sequential: true,
      sequentialTuning: 20_000,
      cuped: false,
      preExposureDays: 7,
      decisionThreshold: 0.9,
    });
    const tuned = await admin.experiments.update({
      id: 'analysis-settings',
      analysis: { sequentialTuning: 800 },
    });
    expect(tuned.analysis).toMatchObject({ sequentialTuning: 800, cuped: false, alpha: 0.1 });
    await expectFieldError(
      () => admin.experiments.update({ id: 'analysis-settings', analysis: { sequentialTuning: 0 } }),
      'analysis.sequentialTuning',
    );
  });

  it('refuses to delete a metric an experiment uses, naming it', async () => {
    const error = await expectConflict(() => admin.experiments.metrics.delete({ key: 'purchase' }), 'key');
    expect(error.message).toContain("experiment '");
    await admin.experiments.metrics.create({
      key: 'unused',
      name: 'Unused',
      kind: 'sum',
      numerator: { source: 'usage', event: 'dictation_minutes' },
    });
    const updated = await admin.experiments.metrics.update({ key: 'unused', direction: 'lower' });
    expect(updated.direction).toBe('lower');
    await expectFieldError(
      () => admin.experiments.metrics.update({ key: 'unused', kind: 'ratio' }),
      'denominator',
    );
    expect((await admin.experiments.metrics.delete({ key: 'unused' })).key).toBe('unused');
  });

  it('refuses admin procedures to anonymous callers (401) and plain users (403)', async () => {
    const anonymous = await h.anonymous();
    const user = (await h.signIn(['user'])).caller;
    for (const call of [
      (c: Caller) => c.experiments.list({}),
      (c: Caller) => c.experiments.create(experimentInput('nope')),
      (c: Caller) => c.experiments.start({ id: 'checkout-button' }),
      (c: Caller) => c.experiments.getResults({ id: 'checkout-button' }),
      (c: Caller) => c.experiments.conclude({ id: 'checkout-button', winningVariant: null, reason: 'x' }),
      (c: Caller) => c.experiments.metrics.list({}),
    ]) {
      const anon = await trpcErrorOf(() => call(anonymous as unknown as Caller));
      expect(anon).toBeInstanceOf(TRPCError);
      expect(anon.code).toBe('UNAUTHORIZED');
      expect((await trpcErrorOf(() => call(user))).code).toBe('FORBIDDEN');
    }
    expect((await admin.experiments.get({ id: 'checkout-button' })).status).toBe('draft');
  });
});
