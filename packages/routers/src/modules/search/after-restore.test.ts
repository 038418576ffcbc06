import type { HandlerContext } from '@bytelyst/events/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootRequester } from '../../testing/backups';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { AFTER_RESTORE, rebuildAfterRestore } from './after-restore';
import { SEARCH_TYPES, type TRebuild } from './schema';

type Admin = Awaited<ReturnType<TestHarness['signIn']>>;

/**
 * Backups leave the search index out (derived data), so the index must follow a restore by itself: the records
 * the restore took away are no longer found, those it brought back are. On sqlite: the restore round trip on the
 * Cosmos-compatible server is covered by backups.test.ts and takes minutes.
 */
describe('search index after a restore', () => {
  let h: TestHarness;
  let admin: Admin;
  const PRODUCT = 'prod-restore';
  const find = async (q: string) =>
    (await admin.caller.search.query({ q, types: ['user'], limit: 20 })).items.map((hit) => hit.id);
  const settle = async () => {
    await h.services.bus.drain();
    await h.services.bus.pollStreams();
    await h.services.bus.drain();
  };

  beforeAll(async () => {
    // Every product starts in maintenance, so a restore may run.
    h = await createTestHarness({ config: { maintenance: { mode: 'maintenance', bypassIps: [] } } });
    await h.services.migrations.runPending();
    const { caller: root } = await h.root();
    await root.products.create({ id: PRODUCT, name: 'R', status: 'active' });
    admin = await h.signIn(['admin'], { productId: PRODUCT, email: 'keeper@corp.test' });
  }, 60_000);
  afterAll(async () => h.close(), 60_000);

  it('rebuilds every product’s index once a restore ends', async () => {
    const ada = await admin.caller.users.create({
      email: 'ada@lab.test',
      name: 'Ada Byron',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await settle();
    const requester = await rootRequester(h);
    const backup = await h.services.backups.create(requester);
    await h.services.backups.engine.drain();
    await h.services.backups.verify(backup.id, requester);
    await h.services.backups.engine.drain();

    // After the backup: Ada goes, Grace comes; the index follows both.
    await admin.caller.users.delete({ id: ada.id });
    const grace = await admin.caller.users.create({
      email: 'grace@navy.test',
      name: 'Grace Hopper',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await settle();
    expect(await find('ada')).toEqual([]);
    expect(await find('grace')).toEqual([grace.id]);
    expect(await h.services.search.stats(PRODUCT)).toMatchObject({ latestRebuild: null });

    h.advance(1000);
    const started = await h.services.backups.restore({ id: backup.id, dryRun: false }, requester);
    await h.services.backups.engine.drain();
    expect((await h.services.backups.get(started.job?.id ?? '')).status).toBe('completed');
    await settle();
    await h.services.jobRunner.whenIdle();
    await settle();

    // The restore's users are found again, and the one it took away is gone from the index.
    expect(await find('ada')).toEqual([ada.id]);
    expect(await find('grace')).toEqual([]);
    for (const productId of [PRODUCT, h.services.config.defaultProductId]) {
      const { latestRebuild } = await h.services.search.stats(productId);
      expect(latestRebuild, productId).toMatchObject({
        status: 'succeeded',
        requestedBy: requester.userId,
        types: [...SEARCH_TYPES],
      });
    }
    const rebuild = (await h.services.search.stats(PRODUCT)).latestRebuild;
    // Grace, and the audit entries of her creation and Ada's deletion: the audit log went back too.
    expect(rebuild?.removed).toBe(3);
    const runs = await h.services.jobs.runs(h.services.config.defaultProductId, {
      jobName: 'search-rebuild',
    });
    expect(runs.items.map((run) => run.actorEmail)).toContain(AFTER_RESTORE);
  }, 120_000);
});

const TYPES = ['user', 'audit'] as const;
const rebuild = (over: Partial<TRebuild>): TRebuild => ({
  id: 'srb_000001',
  status: 'succeeded',
  types: [...TYPES],
  progress: { type: null, done: 0, total: 0 },
  indexed: {},
  removed: 0,
  requestedAt: '2026-01-01T00:00:00.000Z',
  requestedBy: 'u1',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: null,
  error: null,
  ...over,
});

/** What one delivery of `backup.restored` asks for, per product, given each product's latest rebuild. */
const deliver = async (latest: Record<string, TRebuild | null>) => {
  const requested: string[] = [];
  const subscriber = rebuildAfterRestore({
    rebuilds: {
      latest: async (productId) => latest[productId] ?? null,
      request: async (productId) => {
        requested.push(productId);
        return rebuild({ status: 'queued' });
      },
    },
    types: TYPES,
    products: async () => Object.keys(latest),
  });
  const event = {
    id: 'evt_1',
    type: 'backup.restored',
    version: 1,
    productId: 'platform',
    at: '2026-01-01T12:00:00.000Z',
    actorId: 'u1',
    data: { jobId: 'bak_restore1', backupId: 'bak_backup1', container: null, written: 1, removed: 0 },
  } as const;
  const outcome = await subscriber.handle(event, {} as HandlerContext).then(
    () => 'ok',
    (error: Error) => error.message,
  );
  return { requested, outcome };
};

describe('the rebuild a restore asks for', () => {
  it('queues a rebuild where none covers the restored records, and none twice on a repeated delivery', async () => {
    const before = rebuild({ requestedAt: '2026-01-01T11:00:00.000Z' });
    const since = rebuild({ requestedAt: '2026-01-01T12:00:05.000Z' });
    const queued = rebuild({ status: 'queued' });
    expect(await deliver({ a: null, b: before, c: since, d: queued })).toEqual({
      requested: ['a', 'b'],
      outcome: 'ok',
    });
    // A rebuild of some types only, asked for since, does not cover the others.
    const partial = rebuild({ requestedAt: '2026-01-01T12:00:05.000Z', types: ['user'] });
    expect((await deliver({ a: partial })).requested).toEqual(['a']);
  });

  it('waits for a rebuild that began before the restore ended, failing the delivery so the bus tries again', async () => {
    const early = rebuild({ status: 'running', startedAt: '2026-01-01T11:59:00.000Z' });
    const late = rebuild({ status: 'running', startedAt: '2026-01-01T12:00:01.000Z' });
    const { requested, outcome } = await deliver({ a: early, b: late, c: null });
    expect(requested).toEqual(['c']);
    expect(outcome).toBe('A rebuild that began before the restore is still under way in a');
  });
});
