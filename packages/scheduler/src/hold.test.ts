import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from './definition';
import { setJobHold } from './hold';
import type { JobRegistry } from './registry';
import { createJobsRepository, isHeld } from './repository';
import type { TMissedRunPolicy } from './schema';
import { createJobsTestKit, type JobsTestKit } from './testing/test-kit';

const HOUR = 60 * 60_000;

describe('maintenance holds', () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  const hourly = (policy: TMissedRunPolicy, executed: (string | null)[]): JobDefinition => ({
    name: 'hourly',
    cron: '0 * * * *',
    missedRunPolicy: policy,
    run: async (ctx) => {
      executed.push(ctx.slotAt);
      return undefined;
    },
  });

  const setup = (registry: JobRegistry) => {
    const repo = createJobsRepository(kit.store);
    const job = registry.get('hourly');
    if (!job) throw new Error('hourly is registered');
    const runner = kit.newRunner(registry);
    const hold = (holder: string, held: boolean) => setJobHold(repo, job, holder, held, kit.clock());
    const tickHours = async (hours: number) => {
      for (let i = 0; i < hours; i += 1) {
        kit.advance(HOUR);
        await runner.tick();
        await runner.whenIdle();
      }
    };
    return { repo, runner, hold, tickHours };
  };

  /** Held from 12:30 to 15:30 while the leader keeps ticking: the 13:00, 14:00 and 15:00 slots are held. */
  const heldThreeHours = async (policy: TMissedRunPolicy) => {
    const executed: (string | null)[] = [];
    const { runner, hold, tickHours } = setup(kit.registryOf(hourly(policy, executed)));
    await runner.tick();
    kit.advance(HOUR / 2);
    expect(isHeld(await hold('acme', true))).toBe(true);
    await tickHours(3);
    expect(executed).toEqual([]);
    expect(await kit.runs()).toEqual([]);
    expect(isHeld(await hold('acme', false))).toBe(false);
    // The very next tick catches up, without waiting for the 16:00 slot.
    await runner.tick();
    await runner.whenIdle();
    return { executed, runs: await kit.runs() };
  };

  it("once: lifting the hold runs the latest held slot at once, by the job's missed-run policy", async () => {
    const { executed, runs } = await heldThreeHours('once');
    expect(executed).toEqual(['2026-06-01T15:00:00.000Z']);
    expect(runs.map((run) => run.trigger)).toEqual(['catch_up']);
  });

  it('all: every held slot runs, oldest first', async () => {
    const { executed } = await heldThreeHours('all');
    expect(executed).toEqual([
      '2026-06-01T13:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
    ]);
  });

  it('skip: nothing runs, one skipped record counts the held slots', async () => {
    const { executed, runs } = await heldThreeHours('skip');
    expect(executed).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'skipped',
      reason: "3 missed run(s) skipped (missedRunPolicy 'skip')",
    });
  });

  it('a job held by two products runs again only once both have lifted their holds', async () => {
    const executed: (string | null)[] = [];
    const { repo, hold, tickHours } = setup(kit.registryOf(hourly('once', executed)));
    await hold('acme', true);
    await hold('beta', true);
    await hold('acme', true);
    expect((await repo.getDefinition('*', 'hourly'))?.holds).toEqual(['acme', 'beta']);
    await hold('acme', false);
    await tickHours(2);
    expect(executed).toEqual([]);
    await hold('beta', false);
    await tickHours(1);
    expect(executed).toEqual(['2026-06-01T14:00:00.000Z', '2026-06-01T15:00:00.000Z']);
  });

  it('a job marked duringMaintenance is registered as such; others default to false', () => {
    const registry = kit.registryOf(
      { name: 'window', cron: '* * * * *', duringMaintenance: true, run: async () => undefined },
      { name: 'other', cron: '* * * * *', run: async () => undefined },
    );
    expect(registry.get('window')?.duringMaintenance).toBe(true);
    expect(registry.get('other')?.duringMaintenance).toBe(false);
  });
});
