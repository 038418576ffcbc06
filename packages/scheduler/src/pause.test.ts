import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from './definition';
import { setJobEnabled } from './pause';
import { createJobsRepository } from './repository';
import { createJobsTestKit, type JobsTestKit } from './testing/test-kit';

const MINUTE = 60_000;

describe('pause and resume', () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  it('no runs while paused, across a new runner instance; resume does not replay the paused period', async () => {
    const executed: (string | null)[] = [];
    const def: JobDefinition = {
      name: 'minutely',
      cron: '* * * * *',
      missedRunPolicy: 'all',
      run: async (ctx) => {
        executed.push(ctx.slotAt);
        return undefined;
      },
    };
    const start = (instanceId: string) => {
      const registry = kit.registryOf(def);
      const runner = kit.newRunner(registry, { instanceId });
      const repo = createJobsRepository(kit.store);
      const job = registry.get(def.name);
      if (!job) throw new Error('minutely is registered');
      const setEnabled = (enabled: boolean) => setJobEnabled(repo, job, enabled, kit.clock());
      const enabled = async () => (await repo.getDefinition(job.productId, job.name))?.enabled;
      return { runner, setEnabled, enabled };
    };
    const tickMinutes = async (runner: ReturnType<typeof start>['runner'], minutes: number) => {
      for (let i = 0; i < minutes; i += 1) {
        kit.advance(MINUTE);
        await runner.tick();
        await runner.whenIdle();
      }
    };

    const first = start('first');
    await first.runner.tick();
    await tickMinutes(first.runner, 1);
    expect(executed).toEqual(['2026-06-01T12:01:00.000Z']);

    // Paused from another process: the leader reads the flag when the job is due.
    const other = start('other');
    expect(await other.setEnabled(false)).toMatchObject({ enabled: false });
    await tickMinutes(first.runner, 3);
    await first.runner.stop();
    const second = start('second');
    await tickMinutes(second.runner, 3);
    expect(executed).toHaveLength(1);
    expect(await second.enabled()).toBe(false);

    // A long pause, then resume: nothing from the paused period runs as missed.
    kit.advance(60 * MINUTE);
    expect(await second.setEnabled(true)).toMatchObject({ enabled: true });
    await second.runner.tick();
    await second.runner.whenIdle();
    expect(executed).toHaveLength(1);
    await tickMinutes(second.runner, 1);
    expect(executed).toEqual(['2026-06-01T12:01:00.000Z', '2026-06-01T13:08:00.000Z']);
    expect((await kit.runs()).map((r) => r.trigger)).toEqual(['schedule', 'schedule']);
  });

  it('a job registered disabled by default never runs until resumed', async () => {
    let runs = 0;
    const registry = kit.registryOf({
      name: 'opt-in',
      cron: '* * * * *',
      enabledByDefault: false,
      run: async () => {
        runs += 1;
        return undefined;
      },
    });
    const runner = kit.newRunner(registry);
    for (let i = 0; i < 3; i += 1) {
      await runner.tick();
      kit.advance(MINUTE);
    }
    await runner.whenIdle();
    expect(runs).toBe(0);
  });
});
