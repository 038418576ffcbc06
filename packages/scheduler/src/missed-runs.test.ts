import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TMissedRunPolicy } from './schema';
import { createJobsTestKit, type JobsTestKit } from './testing/test-kit';

const HOUR = 60 * 60_000;

describe('missed runs after an outage', () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  /** First sight at 12:00, then no tick until 17:30: the slots 13:00 .. 17:00 were all missed. */
  const outage = async (policy: TMissedRunPolicy, maxCatchUp?: number) => {
    const executed: (string | null)[] = [];
    const registry = kit.registryOf({
      name: 'hourly',
      cron: '0 * * * *',
      missedRunPolicy: policy,
      ...(maxCatchUp ? { maxCatchUp } : {}),
      run: async (ctx) => {
        executed.push(ctx.slotAt);
        return undefined;
      },
    });
    const runner = kit.newRunner(registry);
    await runner.tick();
    kit.advance(5.5 * HOUR);
    await runner.tick();
    await runner.whenIdle();
    return { executed, runs: await kit.runs() };
  };

  it('skip: nothing runs and one skipped record says how many were missed', async () => {
    const { executed, runs } = await outage('skip');
    expect(executed).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: 'hourly:2026-06-01T17:00:00.000Z',
      status: 'skipped',
      trigger: 'catch_up',
      slotAt: '2026-06-01T17:00:00.000Z',
      reason: "5 missed run(s) skipped (missedRunPolicy 'skip')",
    });
  });

  it('once: only the latest missed slot runs', async () => {
    const { executed, runs } = await outage('once');
    expect(executed).toEqual(['2026-06-01T17:00:00.000Z']);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([['catch_up', 'succeeded']]);
  });

  it('all: each missed slot runs, oldest first, capped to the latest maxCatchUp', async () => {
    const { executed, runs } = await outage('all', 3);
    expect(executed).toEqual([
      '2026-06-01T15:00:00.000Z',
      '2026-06-01T16:00:00.000Z',
      '2026-06-01T17:00:00.000Z',
    ]);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ['catch_up', 'succeeded'],
      ['catch_up', 'succeeded'],
      ['catch_up', 'succeeded'],
    ]);
  });

  it('all: every missed slot when fewer than maxCatchUp were missed', async () => {
    const { executed } = await outage('all');
    expect(executed).toHaveLength(5);
    expect(executed[0]).toBe('2026-06-01T13:00:00.000Z');
  });

  it('a restart within the grace period misses nothing, and first sight never backfills', async () => {
    const executed: (string | null)[] = [];
    const registry = kit.registryOf({
      name: 'every-minute',
      cron: '* * * * *',
      run: async (ctx) => {
        executed.push(ctx.slotAt);
        return undefined;
      },
    });
    const first = kit.newRunner(registry, { instanceId: 'first' });
    await first.tick();
    expect(executed).toEqual([]);
    await first.stop();
    kit.advance(90_000);
    const second = kit.newRunner(registry, { instanceId: 'second' });
    await second.tick();
    await second.whenIdle();
    expect(executed).toEqual(['2026-06-01T12:01:00.000Z']);
    expect((await kit.runs())[0]?.trigger).toBe('schedule');
  });
});
