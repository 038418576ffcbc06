import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, eventsOf, runJob, subscribe, triggerJob } from '../../../testing/billing';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { createUsageQuotaResetJob } from './quota-reset-job';
import { createUsageRepository, type UsageDailyDoc } from './repository';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('usage-quota-reset job', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
    await createPlan(h, 'tight', { quotas: { 'api.calls': { limit: 2, period: 'day' } } });
  });
  afterAll(async () => h.close());

  it('is registered daily at midnight UTC', () => {
    expect(h.services.jobRegistry.get('usage-quota-reset')).toMatchObject({
      cron: '0 0 * * *',
      timezone: 'UTC',
    });
  });

  it('clears ended quota flags, closes the ended month once, and reruns as a no-op', async () => {
    const { caller, user } = await h.signIn(['user']);
    await subscribe(h, user.id, 'tight');
    await caller.usage.record({ metric: 'api.calls', quantity: 2, idempotencyKey: 'reset-june-1' });
    await expect(
      caller.usage.record({ metric: 'api.calls', idempotencyKey: 'reset-june-1b' }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    h.advance(12 * HOUR); // 2026-06-02T00:00Z
    const first = await triggerJob(h, 'usage-quota-reset');
    expect(first).toMatchObject({
      status: 'succeeded',
      metrics: { flagsCleared: 1, monthsClosed: 1, monthlyTotals: 0, countersPruned: 0, receiptsPruned: 0 },
    });
    const again = await triggerJob(h, 'usage-quota-reset');
    expect(again.metrics).toEqual({
      flagsCleared: 0,
      monthsClosed: 0,
      monthlyTotals: 0,
      countersPruned: 0,
      receiptsPruned: 0,
    });
    // The new day's quota is free again, and hitting it warns again.
    await caller.usage.record({ metric: 'api.calls', quantity: 2, idempotencyKey: 'reset-june-2' });
    await expect(
      caller.usage.record({ metric: 'api.calls', idempotencyKey: 'reset-june-2b' }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    expect((await eventsOf(h, 'usage.quota_exceeded')).filter((e) => e.data.userId === user.id)).toHaveLength(
      2,
    );

    // Into July: June is closed into per-user totals, visible in the admin summary.
    await caller.usage.record({ metric: 'uploads', quantity: 9, idempotencyKey: 'reset-june-3' });
    h.advance(29 * DAY); // 2026-07-01T00:00Z
    const july = await triggerJob(h, 'usage-quota-reset');
    expect(july.metrics).toMatchObject({ flagsCleared: 1, monthsClosed: 1, monthlyTotals: 2 });
    expect((await triggerJob(h, 'usage-quota-reset')).metrics).toMatchObject({
      monthsClosed: 0,
      monthlyTotals: 0,
    });
    const admin = await h.signIn(['admin']);
    const summary = await admin.caller.usage.get({ userId: user.id });
    expect(summary.history).toEqual(
      expect.arrayContaining([
        { month: '2026-06', metric: 'api.calls', total: 4 },
        { month: '2026-06', metric: 'uploads', total: 9 },
      ]),
    );
    expect(summary.metrics.find((m) => m.metric === 'api.calls')).toMatchObject({ used: 0 });
  });

  it('prunes counters and receipts past retention, idempotently', async () => {
    const { caller, user } = await h.signIn(['user']);
    await caller.usage.record({ metric: 'uploads', idempotencyKey: 'prune-old-1' });
    h.advance(3 * DAY);
    await caller.usage.record({ metric: 'uploads', idempotencyKey: 'prune-new-1' });
    const job = createUsageQuotaResetJob({
      repo: createUsageRepository(h.store),
      counterRetentionDays: 2,
      receiptRetentionDays: 1,
    });
    const metrics = await runJob(h, job);
    // The June counters of the test above are past retention as well.
    expect(metrics).toMatchObject({ countersPruned: 4, receiptsPruned: 1 });
    expect(await runJob(h, job)).toMatchObject({ countersPruned: 0, receiptsPruned: 0 });
    const left = await h.store
      .container<UsageDailyDoc>('usage_daily')
      .query({ partitionKey: 'platform', where: { userId: { eq: user.id } } });
    expect(left.items.map((d) => d.id).sort()).toEqual([
      `day:${user.id}:uploads:2026-07-04`,
      `receipt:${user.id}:prune-new-1`,
    ]);
  });
});
