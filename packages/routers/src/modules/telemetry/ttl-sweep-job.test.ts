import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { clientEvent } from '../../testing/telemetry';
import { createTelemetryTtlSweepJob } from './ttl-sweep-job';

const DAY = 24 * 60 * 60_000;
const ROOT = { id: 'root', email: 'root@example.com' };

describe('telemetry-ttl-sweep job', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const runJob = async () => {
    const run = await h.services.jobRunner.trigger('telemetry-ttl-sweep', ROOT);
    await h.services.jobRunner.whenIdle();
    return h.services.jobs.getRun('platform', run.id);
  };

  it('is registered daily at 03:00 UTC', () => {
    expect(h.services.jobRegistry.get('telemetry-ttl-sweep')).toMatchObject({
      cron: '0 3 * * *',
      timezone: 'UTC',
    });
  });

  it("deletes events past the product's (shortened) retention, once", async () => {
    const root = await h.root();
    await root.caller.products.create({ id: 'mindlyst', name: 'MindLyst', status: 'active' });
    const anon = await h.anonymous();
    const other = await h.anonymous('mindlyst');
    await anon.telemetry.ingest({
      events: Array.from({ length: 120 }, () => clientEvent(h, { name: 'old' })),
    });
    await other.telemetry.ingest({ events: [clientEvent(h, { name: 'old' })] });
    h.advance(10 * DAY);
    await anon.telemetry.ingest({ events: [clientEvent(h, { name: 'fresh' })] });
    // Written with a 30-day TTL; the retention now says 7, which only the sweep can enforce.
    await admin.caller.telemetry.policy.update({ retentionDays: 7 });

    expect(await runJob()).toMatchObject({
      status: 'succeeded',
      metrics: { products: 2, scanned: 120, deleted: 120 },
    });
    expect((await admin.caller.telemetry.events.list({ name: 'old' })).items).toHaveLength(0);
    expect((await admin.caller.telemetry.events.list({ name: 'fresh' })).items).toHaveLength(1);
    const mindlystAdmin = await h.signIn(['admin'], { productId: 'mindlyst' });
    expect((await mindlystAdmin.caller.telemetry.events.list({ name: 'old' })).items).toHaveLength(1);

    expect(await runJob()).toMatchObject({
      status: 'succeeded',
      metrics: { products: 2, scanned: 0, deleted: 0 },
    });
  });

  it('stops once its signal aborts', async () => {
    const job = createTelemetryTtlSweepJob({
      policies: h.services.telemetry.policies,
      events: h.services.telemetry.events,
      legalHolds: h.services.legalHolds,
    });
    const controller = new AbortController();
    controller.abort();
    const metrics = await job.run({
      signal: controller.signal,
      log: () => {},
      runId: 'test',
      slotAt: null,
      attempt: 1,
      trigger: 'manual',
      now: () => h.clock() + 365 * DAY,
    });
    expect(metrics).toEqual({ products: 0, scanned: 0, deleted: 0 });
  });
});
