/**
 * Backups: BENCH_BACKUP_DOCS (1,000,000; `--docs=N` or `--quick` for 20,000) telemetry events seeded into
 * file-backed sqlite with the drivers' bulk write (5,000 a transaction), then backed up by the backups worker
 * into the fs blob store exactly as the API runs it (scan pages of 1,000, gzip, streaming upload), verified,
 * wiped and restored.
 *
 * Reports, per phase, the time, documents per second and the process's resident memory: the peak sampled every
 * 20 ms while it ran, and the peak of the process's life. It asserts only that every document went through.
 *
 * Run with `npx tsx bench/backups-bench.ts [--docs=N | --quick]` (part of `pnpm bench`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { bootstrapPlatform } from '../src/bootstrap';
import type { Requester } from '../src/modules/backups/service';
import { TELEMETRY_CONTAINERS } from '../src/modules/telemetry/containers';
import type { TelemetryEventDoc } from '../src/modules/telemetry/repository';
import { ALL_CONTAINERS, createServices } from '../src/services';

const flag = process.argv.find((arg) => arg.startsWith('--docs='));
const DOCS = process.argv.includes('--quick')
  ? 20_000
  : Number(flag?.slice('--docs='.length) ?? process.env.BENCH_BACKUP_DOCS ?? 1_000_000);
const PRODUCT = 'platform';
const MB = 1024 * 1024;
const SEED_CHUNK = 5_000;

const rssMb = () => Math.round(process.memoryUsage().rss / MB);
const NAMES = ['app.start', 'screen.view', 'purchase.tap', 'sync.done', 'error.unhandled'];
const PLATFORMS = ['ios', 'android', 'web', 'macos'];

const event = (i: number, base: number): TelemetryEventDoc => ({
  id: `ev-${i.toString(36).padStart(6, '0')}`,
  productId: PRODUCT,
  name: NAMES[i % NAMES.length] ?? 'app.start',
  level: i % 50 === 0 ? 'error' : 'info',
  at: new Date(base + i * 100).toISOString(),
  receivedAt: new Date(base + i * 100 + 20).toISOString(),
  userId: `user-${i % 5000}`,
  sessionId: `s-${Math.floor(i / 20)}`,
  deviceId: `d-${i % 7000}`,
  platform: PLATFORMS[i % PLATFORMS.length] ?? 'web',
  appVersion: '4.2.0',
  osVersion: '17.5',
  message: i % 50 === 0 ? 'Cannot read properties of undefined, reading "id"' : null,
  stack: null,
  props: { screen: `screen-${i % 40}`, ms: i % 997, ok: i % 3 === 0 },
  fingerprint: null,
});

/** Runs `work`, sampling resident memory every 20 ms; resolves with its seconds and peak RSS. */
const measured = async <T>(work: () => Promise<T>) => {
  global.gc?.();
  let peak = rssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 20);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { result, seconds, peakRssMb: Math.max(peak, rssMb()) };
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backups-bench-'));
  const base = Date.parse('2026-05-01T00:00:00.000Z');
  const clock = () => Date.now();
  const store = createSqliteStore({ path: join(dir, 'store.sqlite'), clock });
  await store.init(ALL_CONTAINERS);
  const blob = createFsBlobStore({
    root: join(dir, 'blobs'),
    signingSecret: 'bench-signing-secret',
    publicBaseUrl: 'http://127.0.0.1/blobs',
    clock,
  });
  const services = createServices({
    store,
    blob,
    clock,
    config: {
      jwtSecret: 'bench-jwt-secret-at-least-32-characters!!',
      accessTokenTtlSeconds: 3600,
      sessionTtlDays: 30,
      defaultProductId: PRODUCT,
      // Every product starts in maintenance, so the restore may run.
      maintenance: { mode: 'maintenance', bypassIps: [] },
    },
  });
  await bootstrapPlatform(services, {
    adminEmail: 'bench@example.com',
    adminPassword: 'bench-admin-password-1',
  });
  const requester: Requester = {
    userId: 'bench',
    email: 'bench@example.com',
    roles: ['super_admin'],
    tokenId: null,
    requestId: 'bench',
    ip: '127.0.0.1',
    productId: PRODUCT,
  };

  const events = store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);
  const seed = await measured(async () => {
    for (let i = 0; i < DOCS; i += SEED_CHUNK) {
      const chunk = [];
      // Kept past the default 30-day telemetry retention of the bench's wall clock.
      for (let j = i; j < Math.min(DOCS, i + SEED_CHUNK); j += 1)
        chunk.push({ doc: event(j, base), ttl: -1 });
      await events.bulkWrite(chunk, { mode: 'create' });
    }
  });
  console.log(
    `seeded ${DOCS.toLocaleString()} telemetry events in ${seed.seconds.toFixed(1)} s (bulk write)`,
  );
  const total = await (async () => {
    let n = 0;
    for (const def of store.declared())
      if (def.name !== 'backup_runs') n += await store.container(def.name).count();
    return n;
  })();

  const backup = await measured(async () => {
    const job = await services.backups.create(requester);
    await services.backups.engine.drain();
    return services.backups.get(job.id);
  });
  const done = backup.result;
  if (done.status !== 'completed' || done.processed < DOCS) {
    throw new Error(`backup ended ${done.status} with ${done.processed} documents: ${done.error ?? ''}`);
  }
  const verify = await measured(async () => {
    await services.backups.verify(done.id, requester);
    await services.backups.engine.drain();
    return services.backups.get(done.id);
  });
  if (verify.result.verification?.state !== 'verified') throw new Error('the backup did not verify');

  const wipe = await measured(async () => events.clear());
  const restore = await measured(async () => {
    const { job } = await services.backups.restore({ id: done.id, dryRun: false }, requester);
    await services.backups.engine.drain();
    return services.backups.get(job?.id ?? '');
  });
  if (restore.result.status !== 'completed') throw new Error(`restore ended ${restore.result.status}`);
  const restored = await events.count();
  if (restored !== DOCS) throw new Error(`restored ${restored} of ${DOCS} telemetry events`);

  const rate = (docs: number, seconds: number) => Math.round(docs / seconds);
  console.log(
    JSON.stringify({
      bench: 'backups',
      documents: done.processed,
      storeDocuments: total,
      containers: done.manifest?.containers.length,
      backupSeconds: Number(backup.seconds.toFixed(2)),
      backupDocsPerSecond: rate(done.processed, backup.seconds),
      backupPeakRssMb: backup.peakRssMb,
      backupMb: Number((done.size / MB).toFixed(1)),
      verifySeconds: Number(verify.seconds.toFixed(2)),
      verifyDocsPerSecond: rate(done.processed, verify.seconds),
      wipeSeconds: Number(wipe.seconds.toFixed(2)),
      restoreSeconds: Number(restore.seconds.toFixed(2)),
      restoreDocsPerSecond: rate(restore.result.result?.written ?? 0, restore.seconds),
      restorePeakRssMb: restore.peakRssMb,
      seedSeconds: Number(seed.seconds.toFixed(1)),
      maxRssOfProcessMb: Math.round(process.resourceUsage().maxRSS / 1024),
      load: Number((loadavg()[0] ?? 0).toFixed(2)),
    }),
  );
  await services.bus.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
