import { expect, it } from 'vitest';
import { CONTAINERS } from '../containers';
import { createLeaseManager } from '../leases';
import {
  describeRunnerOnDrivers,
  ITEMS,
  type Item,
  labelBackfill,
  noting,
  seedItems,
  TRANSITIONS,
} from '../testing/migrations';
import type { Migration, MigrationDoc } from './definition';
import { MIGRATIONS_LEASE } from './lease-session';

describeRunnerOnDrivers('migrations', 'migration runner on %s', (s) => {
  const record = (id: string) =>
    s.harness.store.container<MigrationDoc>(CONTAINERS.migrations.name).read(id, 'platform');

  it('applies pending migrations in version order, records each, and runs none twice', async () => {
    const ran: string[] = [];
    const list = [
      noting(ran, 3),
      noting(ran, 1, { takesMs: 40, advance: s.f.advance }),
      noting(ran, 2, { takesMs: 7, advance: s.f.advance }),
    ];
    const report = await s.f.runner(list).runPending();
    expect(report).toMatchObject({
      ran: true,
      applied: ['001_step_1', '002_step_2', '003_step_3'],
      failed: [],
      awaitingApproval: [],
      blockedBy: null,
    });
    expect(ran).toEqual(['up:1', 'up:2', 'up:3']);
    const first = await record('001_step_1');
    expect(first).toMatchObject({
      productId: 'platform',
      version: 1,
      description: 'Step 1',
      status: 'applied',
      durationMs: 40,
      error: null,
      attempts: 1,
      instanceId: 'instance-a',
      claim: null,
    });
    expect(first?.appliedAt).toBe(new Date(s.clockRef.now - 7).toISOString());
    expect((await record('002_step_2'))?.durationMs).toBe(7);

    const again = await s.f.runner(list, { instanceId: 'instance-b' }).runPending();
    expect(again.applied).toEqual([]);
    expect(ran).toEqual(['up:1', 'up:2', 'up:3']);
    expect((await record('003_step_3'))?.attempts).toBe(1);
    const { items } = await s.f.runner(list).list();
    expect(items.map((i) => [i.id, i.status, i.waitingFor])).toEqual([
      ['001_step_1', 'applied', null],
      ['002_step_2', 'applied', null],
      ['003_step_3', 'applied', null],
    ]);
  });

  it('a migration added by a later release runs on the next start-up, after the ones before it', async () => {
    const ran: string[] = [];
    await s.f.runner([noting(ran, 1)]).runPending();
    const next = await s.f.runner([noting(ran, 1), noting(ran, 2)]).runPending();
    expect(next.applied).toEqual(['002_step_2']);
    expect(ran).toEqual(['up:1', 'up:2']);
  });

  it('two runners on one store: one runs each migration while the other waits, then finds nothing to do', async () => {
    const calls = new Map<number, number>();
    const slow = (version: number): Migration => ({
      version,
      name: `slow_${version}`,
      description: `Slow ${version}`,
      reversible: true,
      async up() {
        calls.set(version, (calls.get(version) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 60));
      },
      async down() {},
    });
    const list = [slow(1), slow(2), slow(3)];
    const a = s.f.runner(list, {
      instanceId: 'instance-a',
      leases: createLeaseManager(s.harness.store, { clock: s.f.clock }),
    });
    const b = s.f.runner(list, {
      instanceId: 'instance-b',
      leases: createLeaseManager(s.harness.store, { clock: s.f.clock }),
    });
    const [ra, rb] = await Promise.all([a.runPending(), b.runPending()]);
    expect([...calls.entries()].sort()).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const [winner, waiter] = ra.applied.length > 0 ? [ra, rb] : [rb, ra];
    expect(winner.applied).toEqual(['001_slow_1', '002_slow_2', '003_slow_3']);
    expect(waiter).toMatchObject({ ran: true, applied: [], failed: [] });
    expect(waiter.waitedMs).toBeGreaterThan(0);
    expect(s.f.logger.lines.some((l) => l.msg.includes('waiting for it to finish'))).toBe(true);
    for (const id of winner.applied) expect((await record(id))?.attempts).toBe(1);
    expect(
      await createLeaseManager(s.harness.store, { clock: s.f.clock }).current(MIGRATIONS_LEASE),
    ).toBeNull();
  });

  it('a runner that cannot get the lease in time gives up waiting and start-up goes on', async () => {
    const leases = createLeaseManager(s.harness.store, { clock: s.f.clock });
    expect(await leases.acquire(MIGRATIONS_LEASE, 'stuck-instance', 60_000)).not.toBeNull();
    const ran: string[] = [];
    const report = await s.f.runner([noting(ran, 1)], { waitTimeoutMs: 50 }).runPending();
    expect(report).toMatchObject({ ran: false, applied: [] });
    expect(ran).toEqual([]);
    expect(s.f.logger.lines.some((l) => l.level === 'warn' && l.msg.includes('gave up waiting'))).toBe(true);
  });

  it('a failed migration is recorded and logged, start-up goes on, later ones wait; retry runs it and them', async () => {
    const ran: string[] = [];
    let broken = true;
    const list = [noting(ran, 1), noting(ran, 2, { fail: () => broken }), noting(ran, 3)];
    const runner = s.f.runner(list);
    const report = await runner.runPending();
    expect(report).toMatchObject({
      ran: true,
      applied: ['001_step_1'],
      failed: ['002_step_2'],
      blockedBy: '002_step_2',
    });
    expect(ran).toEqual(['up:1', 'up:2']);
    expect(await record('002_step_2')).toMatchObject({
      status: 'failed',
      error: 'step 2 cannot run yet',
      appliedAt: null,
    });
    expect(await record('003_step_3')).toBeUndefined();
    const warning = s.f.logger.lines.find((l) => l.level === 'warn' && l.msg.includes('002_step_2'));
    expect(warning?.obj).toMatchObject({ migration: '002_step_2', direction: 'up' });

    const listed = (await runner.list()).items;
    expect(listed.map((i) => [i.id, i.status, i.waitingFor])).toEqual([
      ['001_step_1', 'applied', null],
      ['002_step_2', 'failed', null],
      ['003_step_3', 'pending', '002_step_2'],
    ]);

    // A restart does not run it again by itself: it waits for an operator.
    expect((await runner.runPending()).failed).toEqual([]);
    expect(ran).toEqual(['up:1', 'up:2']);

    broken = false;
    const retried = await runner.retry('002_step_2', { id: 'u1', email: 'ops@example.com' });
    expect(retried).toMatchObject({ status: 'applied', error: null, attempts: 2 });
    expect(ran).toEqual(['up:1', 'up:2', 'up:2', 'up:3']);
    expect((await record('003_step_3'))?.status).toBe('applied');
    await expect(runner.retry('001_step_1', { id: 'u1', email: 'ops@example.com' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('a record left running by a process that died is run again at the next start-up', async () => {
    const migrations = s.harness.store.container<MigrationDoc>(CONTAINERS.migrations.name);
    await seedItems(s.harness.store, 3);
    const backfill = labelBackfill();
    await s.harness.store
      .container<Item>(ITEMS.name)
      .mutate('item-1', 'p1', (d) => ({ ...d, label: 'none' }));
    await migrations.create({
      id: '001_label_backfill',
      productId: 'platform',
      version: 1,
      description: backfill.description,
      reversible: true,
      status: 'running',
      appliedAt: null,
      durationMs: null,
      error: null,
      direction: 'up',
      startedAt: new Date(s.clockRef.now - 60_000).toISOString(),
      attempts: 1,
      instanceId: 'instance-dead',
      claim: 'claim-of-the-dead',
      approvedBy: null,
      approvedAt: null,
      backup: null,
      rolledBackAt: null,
      rolledBackBy: null,
      updatedAt: new Date(s.clockRef.now - 60_000).toISOString(),
    });
    const report = await s.f.runner([backfill]).runPending();
    expect(report.applied).toEqual(['001_label_backfill']);
    expect(await record('001_label_backfill')).toMatchObject({
      status: 'applied',
      attempts: 2,
      instanceId: 'instance-a',
    });
    const { items } = await s.harness.store.container<Item>(ITEMS.name).query({ limit: 10 });
    expect(items.map((i) => i.label)).toEqual(['none', 'none', 'none']);
  });

  it('each status change commits with the entries its outbox stages', async () => {
    const ran: string[] = [];
    await s.f
      .runner([noting(ran, 1), noting(ran, 2, { fail: () => true }), noting(ran, 3, { reversible: false })])
      .runPending();
    const { items } = await s.harness.store
      .container<{ id: string; kind: string; status: string }>(TRANSITIONS.name)
      .query({ limit: 10 });
    expect(items.map((t) => [t.id, t.status]).sort()).toEqual([
      ['001_step_1:applied:1', 'applied'],
      ['002_step_2:failed:1', 'failed'],
    ]);
  });
});
