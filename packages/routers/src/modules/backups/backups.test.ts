import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootRequester, snapshotStore, wipeStore, withoutOwnRecords } from '../../testing/backups';
import { trpcErrorOf } from '../../testing/expect-error';
import { seedRecords } from '../../testing/exports';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { BACKUP_BLOB_CONTAINER, NOT_BACKED_UP } from './config';

const seed = async (h: TestHarness) => {
  await h.services.migrations.runPending();
  await seedRecords(h, 'platform');
  await h.signIn(['user'], { email: 'zoë+ünïcode@example.com' });
  await h.signIn(['admin']);
  // A document with its own time-to-live keeps what is left of it through a round trip.
  await h.store
    .container<{ id: string; productId: string; name: string }>('telemetry_events')
    .create({ id: 'short-lived', productId: 'platform', name: 'x' }, { ttl: 3600 });
  await h.services.bus.drain();
};

describe.each(['sqlite', 'cosmos'] as const)('backup round trip on %s', (driver) => {
  let h: TestHarness;
  beforeAll(async () => {
    // Every product starts in maintenance, so a restore may run (the gate is tested below).
    h = await createTestHarness({ driver, config: { maintenance: { mode: 'maintenance', bypassIps: [] } } });
    await seed(h);
    // Seeding on the Cosmos-compatible server writes one document per request: slow on a loaded machine.
  }, 60_000);
  afterAll(async () => h.close(), 60_000);

  it('describes the engine; on Cosmos its account and how point-in-time restore works', async () => {
    const policy = await h.services.backups.getPolicy();
    expect(policy).toMatchObject({
      driver,
      blobDriver: 'fs',
      keepCount: 7,
      keepDays: 30,
      migrationMaxAgeHours: 24,
    });
    expect(policy.restoreAllowed.ok).toBe(true);
    if (driver === 'cosmos') {
      expect(policy.cosmos?.writableRegions.length).toBeGreaterThan(0);
      expect(policy.cosmos?.continuousBackup).toBeNull();
      expect(policy.cosmos?.note).toContain('point-in-time restore');
    } else {
      expect(policy.cosmos).toBeNull();
    }
  });

  it('backs up, wipes, restores, and every document is identical', async () => {
    const requester = await rootRequester(h);
    await h.services.bus.drain();
    const before = withoutOwnRecords(await snapshotStore(h.store));
    expect(before.size).toBeGreaterThan(30);

    const job = await h.services.backups.create(requester);
    expect(job.status).toBe('pending');
    expect(await h.services.backups.engine.drain()).toBe(1);
    const backup = await h.services.backups.get(job.id);
    expect(backup.status).toBe('completed');
    const manifest = backup.manifest;
    expect(manifest?.driver).toBe(driver);
    expect(manifest?.schemaVersion.version).toBeGreaterThan(0);
    expect(manifest?.containers.map((file) => file.container)).not.toContain('backup_runs');
    for (const name of NOT_BACKED_UP)
      expect(manifest?.containers.some((f) => f.container === name)).toBe(false);
    expect(manifest?.containers.every((file) => /^[0-9a-f]{64}$/.test(file.sha256))).toBe(true);
    expect(backup.containers.every((entry) => entry.state === 'done')).toBe(true);
    expect(backup.processed).toBe(manifest?.containers.reduce((sum, file) => sum + file.documents, 0));
    expect(backup.size).toBeGreaterThan(0);

    await h.services.backups.verify(job.id, requester);
    await h.services.backups.engine.drain();
    expect((await h.services.backups.get(job.id)).verification).toMatchObject({
      state: 'verified',
      problems: [],
    });

    expect(await wipeStore(h.store)).toBeGreaterThan(30);
    expect((await snapshotStore(h.store)).size).toBe(0);

    const plan = await h.services.backups.restore({ id: job.id, dryRun: true }, requester);
    expect(plan.job).toBeNull();
    expect(plan.plan.refusal).toBeNull();
    expect(plan.plan.totals.remove).toBe(0);
    expect(plan.plan.containers.some((entry) => entry.container === 'job_definitions')).toBe(false);

    const started = await h.services.backups.restore({ id: job.id, dryRun: false }, requester);
    expect(started.job?.kind).toBe('restore');
    await h.services.backups.engine.drain();
    const restored = await h.services.backups.get(started.job?.id ?? '');
    expect(restored.status).toBe('completed');
    // The job definitions are left to a restore of their own.
    const single = await h.services.backups.restore(
      { id: job.id, container: 'job_definitions', dryRun: false },
      requester,
    );
    await h.services.backups.engine.drain();
    expect((await h.services.backups.get(single.job?.id ?? '')).status).toBe('completed');

    await h.services.bus.drain();
    // The search index is rebuilt from the restored records (search/after-restore.ts): its records are the
    // restore's own, as its events and audit entries are.
    await h.services.jobRunner.whenIdle();
    await h.services.bus.drain();
    const after = withoutOwnRecords(await snapshotStore(h.store));
    const rebuilt = await h.services.search.stats(h.services.config.defaultProductId);
    expect(rebuilt.latestRebuild?.status).toBe('succeeded');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, body] of before) expect(after.get(key), key).toBe(body);
    // The restore audited itself once it ended.
    const audit = await h.store.container<{ id: string; action: string }>('audit_log').query({
      where: { action: { eq: 'backups.restored' } },
    });
    expect(audit.items).toHaveLength(2);
    // The Cosmos-compatible server answers each document write on its own: minutes, not seconds, under load.
  }, 180_000);
});

describe('verification, restore rules and pruning', () => {
  let h: TestHarness;
  let backupId: string;
  beforeAll(async () => {
    h = await createTestHarness();
    await seed(h);
    const requester = await rootRequester(h);
    backupId = (await h.services.backups.create(requester)).id;
    await h.services.backups.engine.drain();
  });
  afterAll(async () => h.close());

  const verifyNow = async (id: string) => {
    const { caller } = await h.signIn(['admin']);
    await caller.backups.verify({ id });
    await h.services.backups.engine.drain();
    return (await caller.backups.get({ id })).verification;
  };

  it('refuses a restore outside maintenance, naming the reason, after its dry run', async () => {
    expect((await verifyNow(backupId))?.state).toBe('verified');
    const root = await h.root();
    const dry = await root.caller.backups.restore({ id: backupId });
    expect(dry.job).toBeNull();
    expect(dry.plan.refusal?.reason).toBe('maintenance_required');
    expect(
      dry.plan.containers.find((entry) => entry.container === 'users')?.currentDocuments,
    ).toBeGreaterThan(0);
    const refused = await trpcErrorOf(() => root.caller.backups.restore({ id: backupId, dryRun: false }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('maintenance mode');
    expect((await root.caller.backups.list({ kind: 'restore' })).items).toHaveLength(0);
  });

  it('restores one container in place while every product is in maintenance', async () => {
    const root = await h.root();
    await root.caller.maintenance.set({ mode: 'maintenance', message: 'Restoring' });
    const licenses = h.store.container<{ id: string; productId: string; note: string }>('licenses');
    await licenses.create({ id: 'after-backup', productId: 'platform', note: 'goes' });
    const dry = await root.caller.backups.restore({ id: backupId, container: 'licenses' });
    expect(dry.plan.containers).toEqual([
      { container: 'licenses', backupDocuments: 3, currentDocuments: 4, kept: 0 },
    ]);
    expect(dry.plan.refusal).toBeNull();
    const run = await root.caller.backups.restore({ id: backupId, container: 'licenses', dryRun: false });
    await h.services.backups.engine.drain();
    const done = await root.caller.backups.get({ id: run.job?.id ?? '' });
    expect(done.result).toEqual({ written: 3, removed: 4, expired: 0, kept: 0 });
    expect(await licenses.read('after-backup', 'platform')).toBeUndefined();
    // The maintenance switch stays on through a restore of the settings it lives in.
    await root.caller.backups.restore({ id: backupId, container: 'settings', dryRun: false });
    await h.services.backups.engine.drain();
    expect((await root.caller.maintenance.get()).mode).toBe('maintenance');
    await root.caller.maintenance.set({ mode: 'off', message: '' });
  });

  it('detects a changed byte in a file', async () => {
    const backup = await h.services.backups.get(backupId);
    const file = backup.manifest?.containers.find((entry) => entry.container === 'users');
    const key = `${backup.manifest?.folder}/${file?.file}`;
    const stored = await h.services.blob.get(BACKUP_BLOB_CONTAINER, key);
    if (!stored) throw new Error('the file is missing');
    const original = Buffer.from(stored.body);
    const damaged = Buffer.from(original);
    const at = Math.floor(damaged.length / 2);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    await h.services.blob.put(BACKUP_BLOB_CONTAINER, key, damaged, { contentType: 'application/gzip' });
    const verification = await verifyNow(backupId);
    expect(verification?.state).toBe('failed');
    expect(verification?.problems).toContain('users: checksum does not match the manifest');
    const root = await h.root();
    const dry = await root.caller.backups.restore({ id: backupId });
    expect(dry.plan.refusal?.reason).toBe('backup_not_verified');
    await h.services.blob.put(BACKUP_BLOB_CONTAINER, key, original, { contentType: 'application/gzip' });
    expect((await verifyNow(backupId))?.state).toBe('verified');
  });

  it('detects a document count that does not match the manifest', async () => {
    const backup = await h.services.backups.get(backupId);
    const manifest = backup.manifest;
    if (!manifest) throw new Error('no manifest');
    const wrong = {
      ...manifest,
      containers: manifest.containers.map((file) =>
        file.container === 'licenses' ? { ...file, documents: file.documents + 1 } : file,
      ),
    };
    await h.services.blob.put(
      BACKUP_BLOB_CONTAINER,
      `${manifest.folder}/manifest.json`,
      JSON.stringify(wrong),
    );
    await h.store
      .container<{ id: string; productId: string; manifest: unknown }>('backup_runs')
      .mutate(backupId, 'platform', (current) => ({ ...current, manifest: wrong }));
    const verification = await verifyNow(backupId);
    expect(verification?.state).toBe('failed');
    expect(verification?.problems).toEqual(['licenses: 3 documents, the manifest says 4']);
  });

  it('gates irreversible migrations on a fresh verified backup', async () => {
    const fresh = await h.services.backups.create(await rootRequester(h));
    await h.services.backups.engine.drain();
    expect(await h.services.backups.backupCheck()).toMatchObject({ ok: false });
    await verifyNow(fresh.id);
    const ok = await h.services.backups.backupCheck();
    expect(ok).toMatchObject({ ok: true });
    expect(ok.ok && ok.detail).toContain(fresh.id);
    h.advance(25 * 3_600_000);
    const stale = await h.services.backups.backupCheck();
    expect(stale.ok).toBe(false);
    expect(stale.ok ? '' : stale.reason).toContain('24 hours');
  });

  it('the scheduled job asks for a backup daily at 02:30 UTC, and the worker runs it', async () => {
    const job = h.services.jobRegistry.get('backups-scheduled');
    expect(job?.cron).toBe('30 2 * * *');
    expect(job?.timezone).toBe('UTC');
    const controller = new AbortController();
    const metrics = await job?.run({
      signal: controller.signal,
      log: () => undefined,
      runId: 'test',
      slotAt: null,
      attempt: 1,
      trigger: 'manual',
      now: () => h.clock(),
    });
    expect(metrics).toMatchObject({ requested: 1 });
    const scheduled = (await h.services.backups.list({ kind: 'backup' })).items.find(
      (item) => item.trigger === 'schedule',
    );
    expect(scheduled?.status).toBe('pending');
    await h.services.backups.engine.drain();
    expect((await h.services.backups.get(scheduled?.id ?? '')).status).toBe('completed');
  });

  it('prunes beyond the newest N once older than the kept days', async () => {
    const requester = await rootRequester(h);
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      ids.push((await h.services.backups.create(requester)).id);
      await h.services.backups.engine.drain();
      h.advance(24 * 3_600_000);
    }
    // After each backup: keep 7, then prune those past 30 days; all of these are younger.
    expect(await h.services.backups.prune()).toEqual([]);
    h.advance(40 * 24 * 3_600_000);
    const pruned = await h.services.backups.prune();
    const live = await h.services.backups.list({ kind: 'backup', limit: 100 });
    const kept = live.items.filter((item) => item.status === 'completed' && !item.prunedAt);
    expect(kept.map((item) => item.id)).toEqual(ids.slice(1).reverse());
    expect(pruned).toContain(backupId);
    const files = await h.services.blob.list(BACKUP_BLOB_CONTAINER, {
      prefix: `platform/backups/${backupId}/`,
    });
    expect(files.items).toEqual([]);
    const refused = await trpcErrorOf(async () => (await h.root()).caller.backups.verify({ id: backupId }));
    expect(refused.code).toBe('CONFLICT');
  });
});
