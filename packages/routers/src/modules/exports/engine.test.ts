import { setTimeout as delay } from 'node:timers/promises';
import type { BlobStore } from '@bytelyst/db/blob';
import { createAzureBlobStore } from '@bytelyst/db/blob-azure';
import { createLeaseManager } from '@bytelyst/db/leases';
import { startAzurite } from '@bytelyst/db/testing/azurite';
import { NOOP_LOGGER } from '@bytelyst/events/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time';
import { eventsOf, runJob } from '../../testing/billing';
import { trpcErrorOf } from '../../testing/expect-error';
import { downloadExport } from '../../testing/exports';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { createBlobService } from '../blob/service';
import { TELEMETRY_CONTAINERS } from '../telemetry/containers';
import type { TelemetryEventDoc } from '../telemetry/repository';
import { createBulkOperations } from './bulk';
import { createExportFilesCleanupJob } from './cleanup-job';
import { EXPORT_BLOB_CONTAINER } from './config';
import { createExportsEngine } from './engine';
import { createExportsRepository } from './repository';
import { createExportsService } from './service';
import { createExportSources, type ExportSources } from './sources';

/**
 * The worker on a real store: cancellation mid-export, a worker that dies mid-export and the one that takes the
 * job over after the lease, the 7-day file cleanup, and the same export on the Azure driver with its SAS URL.
 */
describe('exports worker', () => {
  const productId = 'platform';
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    const events: TelemetryEventDoc[] = Array.from({ length: 11 }, (_, i) => ({
      id: `ev-${String(i).padStart(2, '0')}`,
      productId,
      name: 'crash.test',
      level: 'info',
      at: new Date(h.clock() - (20 - i) * 60_000).toISOString(),
      receivedAt: new Date(h.clock()).toISOString(),
      userId: null,
      sessionId: null,
      deviceId: null,
      platform: 'web',
      appVersion: '1.0.0',
      osVersion: null,
      message: `event ${i}`,
      stack: null,
      props: {},
      fingerprint: null,
    }));
    await h.store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name).batch(
      productId,
      events.map((doc) => ({ op: 'create' as const, doc })),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A worker as another instance would run it: its own engine over the same store, two rows a page. */
  const engine = (opts: { sources?: ExportSources; blob?: BlobStore; instanceId?: string } = {}) => {
    const sources = opts.sources ?? createExportSources(h.store);
    return createExportsEngine({
      repo: createExportsRepository(h.store),
      store: h.store,
      blob: opts.blob ?? h.services.blob,
      clock: h.clock,
      bus: h.services.bus,
      sources,
      bulk: createBulkOperations({ sources, users: h.services.users, licenses: h.services.licenses }),
      logger: NOOP_LOGGER,
      instanceId: opts.instanceId ?? 'test',
      leaseMs: 60_000,
      pollIntervalMs: 60_000,
      pageSize: 2,
    });
  };

  /** Telemetry sources whose `hook` runs before every page is read (1-based page number). */
  const hooked = (hook: (page: number) => Promise<void>): ExportSources => {
    const sources = createExportSources(h.store);
    let pages = 0;
    return {
      ...sources,
      telemetry: {
        ...sources.telemetry,
        async page(...args) {
          pages += 1;
          await hook(pages);
          return sources.telemetry.page(...args);
        },
      },
    };
  };

  const filesOf = async (id: string) =>
    (await h.services.blob.list(EXPORT_BLOB_CONTAINER, { prefix: `${productId}/exports/${id}/` })).items.map(
      (i) => i.key,
    );

  const start = () =>
    admin.exports.create({ type: 'telemetry', format: 'ndjson', filters: { eventType: 'crash.test' } });

  it('cancels a running export at its next page: nothing is written, the cancel is an event', async () => {
    const job = await start();
    const worker = engine({
      sources: hooked(async (page) => {
        if (page === 2) await admin.exports.cancel({ id: job.id });
      }),
    });
    expect(await worker.runOnce()).toBe(job.id);
    const after = await admin.exports.get({ id: job.id });
    expect(after.status).toBe('cancelled');
    expect(after.processed).toBeGreaterThan(0);
    expect(after.processed).toBeLessThan(11);
    expect(after.file).toBeNull();
    expect(await filesOf(job.id)).toEqual([]);
    expect((await eventsOf(h, 'export.cancelled')).map((e) => e.data.jobId)).toContain(job.id);
    expect(await worker.runOnce()).toBeUndefined();
    expect((await trpcErrorOf(() => admin.exports.cancel({ id: job.id }))).code).toBe('CONFLICT');
  });

  it('cancels a pending export before any worker takes it', async () => {
    const job = await start();
    expect((await admin.exports.cancel({ id: job.id })).status).toBe('cancelled');
    expect(await engine().runOnce()).toBeUndefined();
  });

  it('restarts an export whose worker died mid-way once its lease lapses; the dead worker cannot write', async () => {
    const job = await start();
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = false;
    const dying = engine({
      instanceId: 'dying',
      sources: hooked(async (page) => {
        if (page === 3) {
          reached = true;
          await hung;
        }
      }),
    });
    const first = dying.runOnce();
    while (!reached) await delay(5);
    const mid = await admin.exports.get({ id: job.id });
    expect(mid).toMatchObject({ status: 'processing', attempt: 1, processed: 4, estimatedTotal: 11 });

    const other = engine({ instanceId: 'other' });
    expect(await other.runOnce(), 'the lease still holds').toBeUndefined();
    h.advance(61_000);
    expect(await other.runOnce()).toBe(job.id);
    const done = await admin.exports.get({ id: job.id });
    expect(done).toMatchObject({ status: 'ready', attempt: 2, processed: 11 });

    release();
    await first;
    expect(await admin.exports.get({ id: job.id })).toMatchObject({ status: 'ready', attempt: 2 });
    expect(await filesOf(job.id)).toEqual([`${productId}/exports/${job.id}/2/telemetry-2026-06-01.ndjson`]);
    const lines = (await downloadExport(h, productId, job.id, admin)).text.trim().split('\n');
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: 11 }, (_, i) => `ev-${String(i).padStart(2, '0')}`));
  });

  it('deletes export files after 7 days and says so on download', async () => {
    const job = await start();
    await engine().drain();
    const ready = await admin.exports.get({ id: job.id });
    expect(ready.fileExpiresAt).toBe(new Date(h.clock() + 7 * DAY_MS).toISOString());
    expect(await filesOf(job.id)).toHaveLength(1);
    const cleanup = createExportFilesCleanupJob({
      repo: createExportsRepository(h.store),
      blob: h.services.blob,
      bus: h.services.bus,
      legalHolds: h.services.legalHolds,
    });
    h.advance(6 * DAY_MS);
    expect(await runJob(h, cleanup)).toMatchObject({ deleted: 0 });
    expect(await filesOf(job.id)).toHaveLength(1);
    h.advance(DAY_MS + 1000);
    expect(await runJob(h, cleanup)).toMatchObject({ deleted: expect.any(Number), failed: 0 });
    expect(await filesOf(job.id)).toEqual([]);
    const after = await admin.exports.get({ id: job.id });
    expect(after.fileDeletedAt).not.toBeNull();
    const refused = await trpcErrorOf(() => admin.exports.getDownloadUrl({ id: job.id }));
    expect(refused.code).toBe('NOT_FOUND');
    expect((await eventsOf(h, 'export.file_deleted')).map((e) => e.data.jobId)).toContain(job.id);
  });

  it('writes the export to Azure Blob Storage and hands out a SAS URL that serves it', async () => {
    const azurite = await startAzurite();
    try {
      const blob = createAzureBlobStore({
        connectionString: azurite.connectionString,
        clock: () => Date.now(),
      });
      const job = await start();
      await engine({ blob }).drain();
      const ready = await admin.exports.get({ id: job.id });
      expect(ready.status).toBe('ready');
      const info = await blob.head(
        EXPORT_BLOB_CONTAINER,
        `${productId}/exports/${job.id}/1/${ready.file?.fileName}`,
      );
      expect(info?.size).toBe(ready.file?.size);
      // The service's own download path, through the blob module's signed URLs on this driver.
      const service = createExportsService({
        repo: createExportsRepository(h.store),
        clock: () => Date.now(),
        bus: h.services.bus,
        bulk: createBulkOperations({
          sources: createExportSources(h.store),
          users: h.services.users,
          licenses: h.services.licenses,
        }),
        blobs: createBlobService({ blob, clock: () => Date.now(), bus: h.services.bus }),
        engine: { kick: () => undefined },
        leases: createLeaseManager(h.store, { clock: () => Date.now() }),
      });
      const { url } = await service.getDownloadUrl(productId, job.id, { userId: 'root', roles: ['admin'] });
      expect(new URL(url).searchParams.get('sp')).toBe('r');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(ready.file?.fileName);
      expect((await res.text()).trim().split('\n')).toHaveLength(11);
    } finally {
      await azurite.stop();
    }
  }, 60_000);
});
