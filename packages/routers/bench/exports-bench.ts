/**
 * Exports: BENCH_EXPORT_ROWS (1,000,000) telemetry events of one product, seeded into file-backed sqlite in
 * transactional batches of 100, then exported to CSV (and, with BENCH_EXPORT_NDJSON=1, to NDJSON) by the
 * exports worker into the fs blob store, exactly as the API runs it: store pages of 1,000 rows, a progress
 * write per page, the blob store's streaming upload.
 *
 * Reports seeding time, export rows/s, the file size, and the process's resident memory: before the export,
 * the peak sampled every 20 ms while it ran, and the peak of the process's life (which includes seeding).
 * The roadmap's bound is 300 MB RSS for a 1,000,000-row export; the bench shows the figure, it asserts only
 * that every row was written.
 *
 * Run with `npx tsx bench/exports-bench.ts` (part of `pnpm bench`).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { bootstrapPlatform } from '../src/bootstrap';
import { createContextFactory } from '../src/context';
import { EXPORT_BLOB_CONTAINER } from '../src/modules/exports/config';
import { TELEMETRY_CONTAINERS } from '../src/modules/telemetry/containers';
import type { TelemetryEventDoc } from '../src/modules/telemetry/repository';
import { createCaller } from '../src/root';
import { ALL_CONTAINERS, createServices } from '../src/services';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const NDJSON = process.env.BENCH_EXPORT_NDJSON === '1';
const PRODUCT = 'platform';
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };
const MB = 1024 * 1024;

const rssMb = () => Math.round(process.memoryUsage().rss / MB);
const load = () => Number((loadavg()[0] ?? 0).toFixed(2));
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

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exports-bench-'));
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
    },
  });
  await bootstrapPlatform(services, { adminEmail: ADMIN.email, adminPassword: ADMIN.password });

  const seedStart = performance.now();
  const events = store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);
  for (let i = 0; i < ROWS; i += 100) {
    const ops = [];
    for (let j = i; j < Math.min(ROWS, i + 100); j += 1) {
      // Kept past the default 30-day telemetry retention of the bench's wall clock.
      ops.push({ op: 'create' as const, doc: event(j, base), ttl: -1 });
    }
    await events.batch(PRODUCT, ops);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`seeded ${ROWS.toLocaleString()} telemetry events in ${seedSeconds.toFixed(1)} s`);

  const auth = await services.auth.login(PRODUCT, ADMIN, { ip: '127.0.0.1', userAgent: 'bench' });
  const ctx = await createContextFactory(services)({
    headers: { authorization: `Bearer ${auth.accessToken}`, 'user-agent': 'bench' },
    ip: '127.0.0.1',
    requestId: 'bench',
  });
  const caller = createCaller(ctx);

  const formats = NDJSON ? (['csv', 'ndjson'] as const) : (['csv'] as const);
  for (const format of formats) {
    global.gc?.();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 20);
    const started = performance.now();
    const job = await caller.exports.create({ type: 'telemetry', format, filters: {} });
    await services.exports.engine.drain();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb());
    const done = await caller.exports.get({ id: job.id });
    if (done.status !== 'ready' || done.processed !== ROWS) {
      throw new Error(`export ended ${done.status} with ${done.processed} rows: ${done.error ?? ''}`);
    }
    const path = join(
      dir,
      'blobs',
      EXPORT_BLOB_CONTAINER,
      PRODUCT,
      'exports',
      job.id,
      '1',
      done.file?.fileName ?? '',
    );
    const size = statSync(path).size;
    console.log(
      JSON.stringify({
        bench: 'exports',
        format,
        rows: done.processed,
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(done.processed / seconds),
        fileMb: Number((size / MB).toFixed(1)),
        rssBeforeMb: before,
        rssPeakDuringExportMb: peak,
        maxRssOfProcessMb: Math.round(process.resourceUsage().maxRSS / 1024),
        load: load(),
      }),
    );
  }
  await services.bus.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
