import { CONTAINERS } from '@bytelyst/db/containers';
import { createMemoryBus } from '@bytelyst/events/memory-bus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from './definition';
import { LEADER_LEASE } from './runner';
import { createJobsTestKit, type JobsTestKit } from './testing/test-kit';

const MINUTE = 60_000;
const ROOT = { id: 'user-1', email: 'root@example.com' };

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('job runner', () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  const minutely = (run: JobDefinition['run'], over: Partial<JobDefinition> = {}): JobDefinition => ({
    name: 'minutely',
    cron: '* * * * *',
    run,
    ...over,
  });

  /** First sight, then one minute later: the 12:01 slot runs. */
  const runOneSlot = async (def: JobDefinition, opts: Parameters<JobsTestKit['newRunner']>[1] = {}) => {
    const runner = kit.newRunner(kit.registryOf(def), opts);
    await runner.tick();
    kit.advance(MINUTE);
    await runner.tick();
    await runner.whenIdle();
    return { runner, runs: await kit.runs() };
  };

  it('records a successful run with metrics, log, attempt and timings', async () => {
    const { runs } = await runOneSlot(
      minutely(async (ctx) => {
        ctx.log('info', 'working', { batch: 1 });
        return { itemsProcessed: 12, notANumber: Number.NaN };
      }),
    );
    expect(runs).toEqual([
      expect.objectContaining({
        id: 'minutely:2026-06-01T12:01:00.000Z',
        productId: '*',
        jobName: 'minutely',
        status: 'succeeded',
        trigger: 'schedule',
        slotAt: '2026-06-01T12:01:00.000Z',
        actorId: null,
        instanceId: 'test-instance',
        attempt: 1,
        startedAt: '2026-06-01T12:01:00.000Z',
        finishedAt: '2026-06-01T12:01:00.000Z',
        durationMs: 0,
        error: null,
        metrics: { itemsProcessed: 12 },
        log: [{ at: '2026-06-01T12:01:00.000Z', level: 'info', message: 'working', fields: { batch: 1 } }],
      }),
    ]);
  });

  it('times out an attempt: the signal is aborted and the run ends timed_out', async () => {
    let aborted = false;
    const { runs } = await runOneSlot(
      minutely(
        (ctx) =>
          new Promise((_resolve, reject) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              reject(ctx.signal.reason);
            });
          }),
        { timeoutMs: 20, retry: { maxAttempts: 1 } },
      ),
    );
    expect(aborted).toBe(true);
    expect(runs[0]).toMatchObject({ status: 'timed_out', attempt: 1, error: 'Timed out after 20 ms' });
  });

  it('retries inside one run with growing, jittered backoff and succeeds on the third attempt', async () => {
    const waits: number[] = [];
    let calls = 0;
    const { runs } = await runOneSlot(
      minutely(async () => {
        calls += 1;
        if (calls < 3) throw new Error(`flaky ${calls}`);
        return { ok: 1 };
      }),
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    // random() = 0.5: half the nominal wait plus half of the other half.
    expect(waits).toEqual([750, 1500]);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 3, error: null, metrics: { ok: 1 } });
    expect(runs[0]?.log.map((l) => l.message)).toEqual([
      'Attempt 1 failed; retrying in 750 ms',
      'Attempt 2 failed; retrying in 1500 ms',
    ]);
  });

  it('fails after maxAttempts and emits job.failed once', async () => {
    const bus = createMemoryBus();
    const { runs } = await runOneSlot(
      minutely(async () => {
        throw new Error('always broken');
      }),
      { bus },
    );
    await bus.drain();
    expect(runs[0]).toMatchObject({ status: 'failed', attempt: 3, error: 'always broken' });
    expect(bus.emitted.map((e) => ({ type: e.type, data: e.data, productId: e.productId }))).toEqual([
      {
        type: 'job.failed',
        data: {
          jobName: 'minutely',
          runId: 'minutely:2026-06-01T12:01:00.000Z',
          status: 'failed',
          attempts: 3,
          error: 'always broken',
        },
        productId: '*',
      },
    ]);
  });

  it('keeps the last 100 log lines and truncates long messages', async () => {
    const { runs } = await runOneSlot(
      minutely(async (ctx) => {
        for (let i = 0; i < 150; i += 1) ctx.log('info', `line ${i}`);
        ctx.log('warn', 'x'.repeat(5000));
        return undefined;
      }),
    );
    const log = runs[0]?.log ?? [];
    expect(log).toHaveLength(100);
    expect(log[0]?.message).toBe('line 51');
    expect(log[99]?.message.length).toBe(1000);
  });

  it('runs one at a time: a slot due meanwhile is skipped, a manual trigger is refused anywhere', async () => {
    const gate = deferred();
    let started = 0;
    const def = minutely(async () => {
      started += 1;
      await gate.promise;
      return undefined;
    });
    const runner = kit.newRunner(kit.registryOf(def), { tickIntervalMs: 10_000 });
    await runner.tick();
    kit.advance(MINUTE);
    await runner.tick();
    await expect(runner.isRunning('minutely')).resolves.toBe(true);
    // Ticking renews the run lease, so it outlives its 30 s TTL while the run goes on.
    for (let i = 0; i < 6; i += 1) {
      kit.advance(10_000);
      await runner.tick();
    }
    await expect(runner.trigger('minutely', ROOT)).rejects.toMatchObject({ code: 'already_running' });
    const elsewhere = kit.newRunner(kit.registryOf(def), {
      store: await kit.openStore(),
      instanceId: 'other',
    });
    await expect(elsewhere.trigger('minutely', ROOT)).rejects.toMatchObject({ code: 'already_running' });
    await expect(elsewhere.isRunning('minutely')).resolves.toBe(true);
    gate.resolve();
    await runner.whenIdle();
    expect(started).toBe(1);
    const runs = await kit.runs();
    expect(runs.map((r) => [r.slotAt, r.status, r.reason])).toEqual([
      ['2026-06-01T12:01:00.000Z', 'succeeded', null],
      ['2026-06-01T12:02:00.000Z', 'skipped', 'previous run still running'],
    ]);
    await expect(runner.isRunning('minutely')).resolves.toBe(false);
  });

  it('triggers a manual run without leading the schedule and records the actor', async () => {
    const runner = kit.newRunner(kit.registryOf(minutely(async (ctx) => ({ attempt: ctx.attempt }))));
    const run = await runner.trigger('minutely', ROOT);
    expect(run).toMatchObject({ status: 'running', trigger: 'manual', actorId: 'user-1', slotAt: null });
    expect(run.id).toMatch(/^minutely:manual:2026-06-01T12:00:00.000Z:[0-9a-z]{6}$/);
    expect(runner.isLeader()).toBe(false);
    await runner.whenIdle();
    expect(await kit.runs()).toEqual([
      expect.objectContaining({
        id: run.id,
        status: 'succeeded',
        actorEmail: ROOT.email,
        metrics: { attempt: 1 },
      }),
    ]);
    await expect(runner.trigger('missing', ROOT)).rejects.toMatchObject({ code: 'unknown_job' });
  });

  it('stop() aborts running jobs, waits for them and releases the leader lease', async () => {
    let sawAbort = false;
    const runner = kit.newRunner(
      kit.registryOf(
        minutely(
          (ctx) =>
            new Promise((resolve) => {
              ctx.signal.addEventListener('abort', () => {
                sawAbort = true;
                resolve({ stopped: 1 });
              });
            }),
        ),
      ),
    );
    await runner.tick();
    kit.advance(MINUTE);
    await runner.tick();
    expect(runner.isLeader()).toBe(true);
    await runner.stop();
    expect(sawAbort).toBe(true);
    expect(runner.isLeader()).toBe(false);
    expect(
      await kit.store.container(CONTAINERS.leases.name).read(LEADER_LEASE, LEADER_LEASE),
    ).toBeUndefined();
    expect((await kit.runs())[0]).toMatchObject({ status: 'succeeded', metrics: { stopped: 1 } });
    await expect(runner.trigger('minutely', ROOT)).rejects.toMatchObject({ code: 'stopping' });
  });
});
