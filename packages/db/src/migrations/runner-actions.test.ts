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

const OPS = { id: 'user-ops', email: 'ops@example.com' };

/** Irreversible: drops the `tags` of every item (what was in them cannot be brought back). */
const dropTags: Migration = {
  version: 2,
  name: 'drop_item_tags',
  description: 'Items lose their tags',
  reversible: false,
  async up({ store }) {
    const items = store.container<Item>(ITEMS.name);
    const page = await items.query({ where: { tags: { exists: true } }, limit: 1000 });
    for (const item of page.items) {
      await items.mutate(item.id, item.productId, ({ tags: _t, ...rest }) => rest);
    }
  },
};

describeRunnerOnDrivers('migration-actions', 'migration actions on %s', (s) => {
  const record = (id: string) =>
    s.harness.store.container<MigrationDoc>(CONTAINERS.migrations.name).read(id, 'platform');
  const items = async () =>
    (await s.harness.store.container<Item>(ITEMS.name).query({ orderBy: [{ field: 'n' }], limit: 100 }))
      .items;

  it('an irreversible migration waits in pending_approval, later ones behind it, until approved', async () => {
    await seedItems(s.harness.store, 2);
    await s.harness.store
      .container<Item>(ITEMS.name)
      .mutate('item-2', 'p1', (d) => ({ ...d, tags: ['vip'] }));
    const ran: string[] = [];
    const runner = s.f.runner([labelBackfill(1), dropTags, noting(ran, 3)]);
    const report = await runner.runPending();
    expect(report).toMatchObject({
      applied: ['001_label_backfill'],
      awaitingApproval: ['002_drop_item_tags'],
      blockedBy: '002_drop_item_tags',
    });
    expect(await record('002_drop_item_tags')).toMatchObject({
      status: 'pending_approval',
      attempts: 0,
      appliedAt: null,
    });
    expect((await items())[1]?.tags).toEqual(['vip']);
    expect(ran).toEqual([]);
    expect(
      s.f.logger.lines.some((l) => l.level === 'warn' && l.msg.includes('waits for a super_admin')),
    ).toBe(true);

    // A restart leaves it waiting.
    expect((await runner.runPending()).awaitingApproval).toEqual(['002_drop_item_tags']);
    expect((await items())[1]?.tags).toEqual(['vip']);

    const approved = await runner.approve('002_drop_item_tags', OPS, 'backup bk-1 taken at 08:59');
    expect(approved).toMatchObject({
      status: 'applied',
      approvedBy: 'ops@example.com',
      approvedAt: '2026-03-01T09:00:00.000Z',
      backup: 'backup bk-1 taken at 08:59',
      attempts: 1,
    });
    expect((await items()).map((i) => i.tags)).toEqual([undefined, undefined]);
    expect(ran).toEqual(['up:3']);
    await expect(runner.approve('002_drop_item_tags', OPS, 'again')).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(runner.approve('001_label_backfill', OPS, 'x')).rejects.toMatchObject({ code: 'invalid' });
    await expect(runner.approve('099_nothing', OPS, 'x')).rejects.toMatchObject({ code: 'not_found' });
    const { items: transitions } = await s.harness.store
      .container<{ id: string; actor: string | null }>(TRANSITIONS.name)
      .query({ limit: 20 });
    expect(transitions.map((t) => t.id).sort()).toEqual([
      '001_label_backfill:applied:1',
      '002_drop_item_tags:applied:1',
      '002_drop_item_tags:approved:1',
      '002_drop_item_tags:awaiting_approval:0',
      '003_step_3:applied:1',
    ]);
  });

  it('running a failed irreversible migration again needs the backup its approval needed', async () => {
    let broken = true;
    const flaky: Migration = {
      ...dropTags,
      up: async (ctx) => (broken ? Promise.reject(new Error('store busy')) : dropTags.up(ctx)),
    };
    const runner = s.f.runner([flaky]);
    await runner.runPending();
    expect((await runner.approve('002_drop_item_tags', OPS, 'bk-1'))?.status).toBe('failed');
    await expect(runner.retry('002_drop_item_tags', OPS)).rejects.toMatchObject({
      code: 'approval_required',
    });
    broken = false;
    expect(await runner.retry('002_drop_item_tags', OPS, { backup: 'bk-2' })).toMatchObject({
      status: 'applied',
      backup: 'bk-2',
      attempts: 2,
    });
  });

  it('rolls back the latest applied reversible migration in one action; not an earlier or irreversible one', async () => {
    await seedItems(s.harness.store, 3);
    const ran: string[] = [];
    const runner = s.f.runner([labelBackfill(1), noting(ran, 2)]);
    await runner.runPending();
    expect((await items()).map((i) => i.label)).toEqual(['none', 'none', 'none']);

    await expect(runner.rollback('001_label_backfill', OPS)).rejects.toMatchObject({
      code: 'conflict',
      message: 'Roll back 002_step_2 first: it has run after 001_label_backfill',
    });
    expect((await runner.list()).items.map((i) => [i.id, i.canRollBack])).toEqual([
      ['001_label_backfill', false],
      ['002_step_2', true],
    ]);
    expect(await runner.rollback('002_step_2', OPS)).toMatchObject({
      status: 'rolled_back',
      rolledBackBy: 'ops@example.com',
    });
    const rolled = await runner.rollback('001_label_backfill', OPS);
    expect(rolled).toMatchObject({
      status: 'rolled_back',
      direction: 'down',
      rolledBackAt: '2026-03-01T09:00:00.000Z',
    });
    expect((await items()).map((i) => i.label)).toEqual([undefined, undefined, undefined]);
    await expect(runner.rollback('001_label_backfill', OPS)).rejects.toMatchObject({ code: 'conflict' });

    // A start-up leaves a rolled back migration alone; retry applies it again.
    expect((await runner.runPending()).applied).toEqual([]);
    expect((await items()).map((i) => i.label)).toEqual([undefined, undefined, undefined]);
    expect(await runner.retry('001_label_backfill', OPS)).toMatchObject({ status: 'applied', attempts: 3 });
    expect((await items()).map((i) => i.label)).toEqual(['none', 'none', 'none']);

    const irreversible = s.f.runner([dropTags], { instanceId: 'instance-c' });
    await expect(irreversible.rollback('002_drop_item_tags', OPS)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a roll back that fails is recorded as failed with its error', async () => {
    const ran: string[] = [];
    const m = { ...noting(ran, 1), down: async () => Promise.reject(new Error('cannot undo')) };
    const runner = s.f.runner([m]);
    await runner.runPending();
    expect(await runner.rollback('001_step_1', OPS)).toMatchObject({
      status: 'failed',
      direction: 'down',
      error: 'roll back failed: cannot undo',
    });
  });

  it('a dry run reports what a migration would touch per container, with sample ids, and writes nothing', async () => {
    await seedItems(s.harness.store, 14);
    await s.harness.store
      .container<Item>(ITEMS.name)
      .mutate('item-3', 'p1', (d) => ({ ...d, label: 'kept' }));
    const runner = s.f.runner([labelBackfill(1)]);
    const before = await items();
    const preview = await runner.preview('001_label_backfill', 'up');
    expect(preview).toMatchObject({ id: '001_label_backfill', version: 1, direction: 'up', error: null });
    expect(preview.touches).toHaveLength(1);
    const [touch] = preview.touches;
    expect(touch).toMatchObject({ container: 'items', creates: 0, updates: 13, deletes: 0 });
    expect(touch?.sampleIds).toHaveLength(10);
    expect(touch?.sampleIds).not.toContain('item-3');
    expect(await items()).toEqual(before);
    expect(await record('001_label_backfill')).toBeUndefined();

    await runner.runPending();
    expect((await runner.preview('001_label_backfill', 'up')).touches).toEqual([]);
    const down = await runner.preview('001_label_backfill', 'down');
    expect(down.touches).toEqual([
      expect.objectContaining({
        container: 'items',
        updates: 13,
        sampleIds: expect.arrayContaining(['item-1']),
      }),
    ]);
    await expect(s.f.runner([dropTags]).preview('002_drop_item_tags', 'down')).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('a dry run reports the error a real run would hit', async () => {
    const ran: string[] = [];
    const runner = s.f.runner([noting(ran, 1, { fail: () => true })]);
    expect(await runner.preview('001_step_1', 'up')).toMatchObject({
      error: 'step 1 cannot run yet',
      touches: [],
    });
    expect(await record('001_step_1')).toBeUndefined();
  });

  it('an action while another runner holds the lease is refused as busy, naming it', async () => {
    const ran: string[] = [];
    let broken = true;
    const runner = s.f.runner([noting(ran, 1, { fail: () => broken })]);
    await runner.runPending();
    const leases = createLeaseManager(s.harness.store, { clock: s.f.clock });
    expect(await leases.acquire(MIGRATIONS_LEASE, 'instance-z', 30_000)).not.toBeNull();
    broken = false;
    await expect(runner.retry('001_step_1', OPS)).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringContaining('instance-z'),
    });
    expect((await runner.list()).lease?.holder).toBe('instance-z');
    expect(await leases.release(MIGRATIONS_LEASE, 'instance-z')).toBe(true);
    expect((await runner.retry('001_step_1', OPS))?.status).toBe('applied');
  });
});
