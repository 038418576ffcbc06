import { updateEach } from '@bytelyst/db/migrations/backfill';
import type { Migration } from '@bytelyst/db/migrations/definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { USERS_CONTAINERS } from '../users/containers';
import type { UserDoc } from '../users/repository';

type LegacyUser = UserDoc & { legacyNote?: string };

/** Test-only: irreversible, it drops a field whose content cannot be brought back. */
const dropLegacyNotes: Migration = {
  version: 900,
  name: 'drop_legacy_notes',
  description: 'Users lose the legacy note field',
  reversible: false,
  async up(ctx) {
    await updateEach<LegacyUser>(
      ctx,
      USERS_CONTAINERS.users.name,
      { legacyNote: { exists: true } },
      (doc) => {
        if (doc.legacyNote === undefined) return null;
        const { legacyNote: _dropped, ...rest } = doc;
        return rest;
      },
    );
  },
};

let flakyBroken = true;
const flaky: Migration = {
  version: 901,
  name: 'flaky_step',
  description: 'Fails until the test lets it run',
  reversible: true,
  async up() {
    if (flakyBroken) throw new Error('the flaky step is not ready');
  },
  async down() {},
};

const extra = [dropLegacyNotes, flaky];

const noteOn = async (h: TestHarness, userId: string) => {
  const users = h.store.container<LegacyUser>(USERS_CONTAINERS.users.name);
  await users.mutate(userId, 'platform', (doc) => ({ ...doc, legacyNote: 'called in 2019' }));
};

describe('migrations procedures with the backups module as the backup facility', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness({ config: { migrations: { extra } } });
    await h.services.migrations.runPending();
  });
  afterAll(async () => h.close());

  it('lists applied, awaiting approval and waiting migrations with counts and the backup policy', async () => {
    const { caller } = await h.signIn(['admin']);
    const list = await caller.migrations.list();
    expect(list.items.map((m) => [m.id, m.status, m.waitingFor])).toEqual([
      ['001_users_email_verified', 'applied', null],
      ['002_products_settings', 'applied', null],
      ['003_tracker_roadmap_fields', 'applied', null],
      ['900_drop_legacy_notes', 'pending_approval', null],
      ['901_flaky_step', 'pending', '900_drop_legacy_notes'],
    ]);
    expect(list.counts).toEqual({ applied: 3, pending: 1, failed: 0, awaitingApproval: 1, rolledBack: 0 });
    expect(list.backups).toEqual({ mode: 'check', detail: 'A backup facility confirms the backup.' });
    expect(list.items[0]?.durationMs).toBe(0);
    expect(list.lease).toBeNull();
  });

  it('refuses approval by an admin, and by a super_admin until a verified backup exists', async () => {
    const { caller: admin } = await h.signIn(['admin']);
    expect((await trpcErrorOf(() => admin.migrations.approve({ id: '900_drop_legacy_notes' }))).code).toBe(
      'FORBIDDEN',
    );
    const root = await h.root();
    const refused = await trpcErrorOf(() => root.caller.migrations.approve({ id: '900_drop_legacy_notes' }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toContain('No verified backup finished in the last 24 hours');
    expect((await root.caller.migrations.get({ id: '900_drop_legacy_notes' })).status).toBe(
      'pending_approval',
    );
    // Backed up but not verified yet: still refused.
    const backup = await root.caller.backups.create();
    await h.services.backups.engine.drain();
    expect(
      (await trpcErrorOf(() => root.caller.migrations.approve({ id: '900_drop_legacy_notes' }))).code,
    ).toBe('PRECONDITION_FAILED');
    await root.caller.backups.verify({ id: backup.id });
    await h.services.backups.engine.drain();
    const approved = await root.caller.migrations.approve({ id: '900_drop_legacy_notes' });
    expect(approved.status).toBe('applied');
    expect(approved.backup).toContain(backup.id);
  });

  it('names the field of a malformed id, and answers 404 for an unknown one', async () => {
    const root = await h.root();
    await expectFieldError(() => root.caller.migrations.get({ id: 'drop everything' }), 'id');
    await expectFieldError(
      () => root.caller.migrations.preview({ id: '001_users_email_verified', direction: 'sideways' as 'up' }),
      'direction',
    );
    expect((await trpcErrorOf(() => root.caller.migrations.retry({ id: '777_not_there' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('migrations procedures with backups taken outside the platform', () => {
  let h: TestHarness;
  let userId: string;
  beforeAll(async () => {
    flakyBroken = true;
    h = await createTestHarness({ config: { migrations: { extra, backupsExternal: true } } });
    const { user } = await h.signIn(['user'], { email: 'legacy@example.com' });
    userId = user.id;
    await noteOn(h, userId);
    await h.services.migrations.runPending();
  });
  afterAll(async () => h.close());

  it('dry run of the irreversible one names the user it would change and writes nothing', async () => {
    const { caller } = await h.signIn(['admin']);
    const preview = await caller.migrations.preview({ id: '900_drop_legacy_notes' });
    expect(preview).toMatchObject({ direction: 'up', error: null });
    expect(preview.touches).toEqual([
      { container: 'users', creates: 0, updates: 1, deletes: 0, sampleIds: [userId] },
    ]);
    const stored = await h.store.container<LegacyUser>('users').read(userId, 'platform');
    expect(stored?.legacyNote).toBe('called in 2019');
  });

  it('a super_admin approves: it runs, the failing one behind it is recorded red, all audited and evented', async () => {
    const root = await h.root();
    const approved = await root.caller.migrations.approve({ id: '900_drop_legacy_notes' });
    expect(approved).toMatchObject({
      status: 'applied',
      approvedBy: 'root@example.com',
      backup: expect.stringContaining('outside the platform'),
    });
    expect(
      (await h.store.container<LegacyUser>('users').read(userId, 'platform'))?.legacyNote,
    ).toBeUndefined();
    const failed = await root.caller.migrations.get({ id: '901_flaky_step' });
    expect(failed).toMatchObject({ status: 'failed', error: 'the flaky step is not ready', attempts: 1 });

    await h.services.bus.drain();
    const audit = await root.caller.audit.list({ action: 'migrations.approve' });
    expect(audit.items[0]).toMatchObject({
      targetType: 'migration',
      details: { id: '900_drop_legacy_notes' },
    });
    const events = await h.store
      .container<{ id: string; type: string; data: Record<string, unknown> }>('events')
      .query({ partitionKey: 'platform', where: { type: { startsWith: 'migration.' } }, limit: 50 });
    const types = events.items.map((e) => `${e.type}:${e.data.migrationId}`).sort();
    expect(types).toEqual([
      'migration.applied:001_users_email_verified',
      'migration.applied:002_products_settings',
      'migration.applied:003_tracker_roadmap_fields',
      'migration.applied:900_drop_legacy_notes',
      'migration.approval_required:900_drop_legacy_notes',
      'migration.approved:900_drop_legacy_notes',
      'migration.failed:901_flaky_step',
    ]);
  });

  it('an admin retries the failed one and rolls it back; an irreversible one cannot be rolled back', async () => {
    const { caller: admin } = await h.signIn(['admin']);
    flakyBroken = false;
    expect(await admin.migrations.retry({ id: '901_flaky_step' })).toMatchObject({
      status: 'applied',
      attempts: 2,
      error: null,
    });
    const rolled = await admin.migrations.rollback({ id: '901_flaky_step' });
    expect(rolled).toMatchObject({ status: 'rolled_back', direction: 'down', canRollBack: false });
    expect(rolled.rolledBackBy).toMatch(/@example\.com$/);
    const irreversible = await trpcErrorOf(() => admin.migrations.rollback({ id: '900_drop_legacy_notes' }));
    expect(irreversible.code).toBe('CONFLICT');
    expect(irreversible.message).toContain('irreversible');
    await h.services.bus.drain();
    const root = await h.root();
    expect((await root.caller.audit.list({ action: 'migrations.rollback' })).items).toHaveLength(1);
  });

  it('running an irreversible one again needs a super_admin', async () => {
    const migrations = h.store.container<{ id: string; status: string }>('migrations');
    await migrations.mutate('900_drop_legacy_notes', 'platform', (doc) => ({ ...doc, status: 'failed' }));
    const { caller: admin } = await h.signIn(['admin']);
    const refused = await trpcErrorOf(() => admin.migrations.retry({ id: '900_drop_legacy_notes' }));
    expect(refused.code).toBe('FORBIDDEN');
    const root = await h.root();
    expect((await root.caller.migrations.retry({ id: '900_drop_legacy_notes' })).status).toBe('applied');
  });
});
