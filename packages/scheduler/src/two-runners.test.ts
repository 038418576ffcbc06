import { CONTAINERS } from '@bytelyst/db/containers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from './definition';
import type { JobDefinitionDoc } from './repository';
import { LEADER_LEASE } from './runner';
import { createJobsTestKit, iso, type JobsTestKit } from './testing/test-kit';

const SLOTS = 1000;

describe('two runners on one store', () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  it(`runs each of ${SLOTS} slots exactly once, even while both believe they lead`, async () => {
    const executions = new Map<string, number>();
    const def: JobDefinition = {
      name: 'every-second',
      cron: '* * * * * *',
      run: async (ctx) => {
        const slot = ctx.slotAt ?? 'manual';
        executions.set(slot, (executions.get(slot) ?? 0) + 1);
        return undefined;
      },
    };
    // Separate store handles on one sqlite file, as two API processes would have.
    const a = kit.newRunner(kit.registryOf(def), { instanceId: 'a', tickIntervalMs: 1000 });
    const b = kit.newRunner(kit.registryOf(def), {
      instanceId: 'b',
      tickIntervalMs: 1000,
      store: await kit.openStore(),
    });
    const leases = kit.store.container(CONTAINERS.leases.name);
    const definitions = kit.store.container<JobDefinitionDoc>(CONTAINERS.jobDefinitions.name);
    await a.tick();
    await b.tick();
    let bothLed = 0;
    for (let i = 1; i <= SLOTS; i += 1) {
      kit.advance(1000);
      // Force the leader lease to lapse now and then: the other runner takes it while the old leader still
      // believes it leads until its next renewal, up to 10 s later.
      if (i % 37 === 0) await leases.delete(LEADER_LEASE, LEADER_LEASE);
      // Rewind the evaluated mark now and then, as a lagging instance's lost write would: the slots it
      // re-plans were claimed already, and the claim (not the mark) is what keeps them from running twice.
      if (i % 50 === 0) {
        const doc = await definitions.read(def.name, '*');
        if (doc) await definitions.replace({ ...doc, lastSlotAt: iso(Date.parse(doc.lastSlotAt) - 5000) });
      }
      if (i % 2 === 0) {
        await Promise.all([a.tick(), b.tick()]);
      } else {
        await b.tick();
        await a.tick();
      }
      if (a.isLeader() && b.isLeader()) bothLed += 1;
      await Promise.all([a.whenIdle(), b.whenIdle()]);
    }
    expect(bothLed).toBeGreaterThan(20);

    const expected = Array.from({ length: SLOTS }, (_, i) =>
      iso(Date.parse('2026-06-01T12:00:01.000Z') + i * 1000),
    );
    expect([...executions.keys()].sort()).toEqual(expected);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    const runs = await kit.runs();
    expect(runs).toHaveLength(SLOTS);
    expect(new Set(runs.map((r) => r.id)).size).toBe(SLOTS);
    expect(runs.every((r) => r.status === 'succeeded' && r.trigger === 'schedule')).toBe(true);
    expect(new Set(runs.map((r) => r.instanceId))).toEqual(new Set(['a', 'b']));
  });
});
