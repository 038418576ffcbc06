/**
 * Analytics rollups over 1,000,000 events and 50,000 users (BENCH_ANALYTICS_EVENTS, BENCH_ANALYTICS_USERS) on
 * the sqlite driver, timed beside DuckDB (@duckdb/node-api, in process) computing the same DAU/WAU/MAU, D0–D30
 * retention and the 4-step default funnel over the same data fed from the same store through the same reader, in
 * the same run. Prints both times (wall and CPU), their ratio, the peak RSS while each engine runs, whether the
 * figures agree, and the read time of each view. Run with `npx tsx bench/analytics-bench.ts` (part of `pnpm
 * bench`); BENCH_ANALYTICS_DATA=<file> keeps the written data there and reuses it on later runs. Asserts nothing.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { DuckDBInstance } from '@duckdb/node-api';
import { createSources } from '../src/modules/analytics/sources';
import { BILLING_CONTAINERS } from '../src/modules/billing/containers';
import type { TPlan } from '../src/modules/billing/plans/schema';
import type { TSubscription } from '../src/modules/billing/subscriptions/schema';
import { USERS_CONTAINERS } from '../src/modules/users/containers';
import type { UserDoc } from '../src/modules/users/repository';
import { ALL_CONTAINERS, createServices } from '../src/services';
import { DUCKDB_QUERIES, writeBenchData } from './analytics-data';

const EVENTS = Number(process.env.BENCH_ANALYTICS_EVENTS ?? 1_000_000);
const USERS = Number(process.env.BENCH_ANALYTICS_USERS ?? 50_000);
/** A store file holding the data: written there when missing, reused when present (for repeated runs). */
const DATA_FILE = process.env.BENCH_ANALYTICS_DATA;
const DAYS = 90;
const DAY = 86_400_000;
const PRODUCT = 'bench';
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** Wall time, and CPU time of this process (all threads, DuckDB's too): the second is less at the mercy of load. */
const cpu = { ms: 0 };
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const out = await fn();
  const used = process.cpuUsage(cpuStart);
  cpu.ms = (used.user + used.system) / 1000;
  return [out, performance.now() - start];
};
const cpuOf = async <T>(fn: () => Promise<T>): Promise<[T, number, number]> => {
  const [out, wall] = await timed(fn);
  return [out, wall, cpu.ms];
};

/** Every document of a partition, a page at a time. */
async function* pages<T extends { id: string }>(
  store: ReturnType<typeof createSqliteStore>,
  container: string,
  field: keyof T & string,
) {
  let continuation: string | null = null;
  do {
    const page = await store.container<T>(container).query({
      partitionKey: PRODUCT,
      orderBy: [{ field }],
      limit: 1000,
      ...(continuation ? { continuation } : {}),
    });
    yield page.items;
    continuation = page.continuation;
  } while (continuation);
}

/** The bench's store with its services; `close` stops both. */
const openStore = (dir: string, path: string) => {
  const clock = () => NOW;
  const store = createSqliteStore({ path, clock });
  const blob = createFsBlobStore({
    root: join(dir, 'blobs'),
    signingSecret: 'bench',
    publicBaseUrl: 'http://127.0.0.1/blobs',
    clock,
  });
  const services = createServices({
    store,
    blob,
    clock,
    config: {
      jwtSecret: 'bench-jwt-secret-at-least-32-characters!',
      accessTokenTtlSeconds: 900,
      sessionTtlDays: 30,
      defaultProductId: PRODUCT,
    },
  });
  return {
    store,
    services,
    close: async () => {
      await services.bus.stop();
      await store.close();
    },
  };
};

/** Writes the product and its history into a new store file at `path`. */
const writeDataStore = async (dir: string, path: string) => {
  const { store, services, close } = openStore(dir, path);
  await store.init(ALL_CONTAINERS);
  await services.products.create({ id: PRODUCT, name: 'Bench', description: '', status: 'active' }, 'bench');
  const written = await writeBenchData(store, {
    productId: PRODUCT,
    nowMs: NOW,
    users: USERS,
    events: EVENTS,
    days: DAYS,
  });
  await close();
  return written;
};

const rss = () => `${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MB`;

/** The highest RSS seen while `fn` runs (sampled every 20 ms), not the process's lifetime peak. */
const peakDuring = async <T>(fn: () => Promise<T>): Promise<[T, string]> => {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const out = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return [out, `${Math.round(peak / 1024 / 1024)} MB`];
  } finally {
    clearInterval(timer);
  }
};

const main = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'analytics-bench-'));
  console.log(
    `analytics bench: ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // The data is written into a store of its own (or reused from BENCH_ANALYTICS_DATA when that file exists), which
  // is closed before the engines' store is opened on it (a copy of it, when reused).
  const path = join(dir, 'store.sqlite');
  const reuse = DATA_FILE !== undefined && existsSync(DATA_FILE);
  if (reuse) {
    console.log(`data: reused from ${DATA_FILE}`);
  } else {
    const [written, writeMs] = await timed(() => writeDataStore(dir, DATA_FILE ?? path));
    console.log(
      `data: ${written.events.toLocaleString('en')} events, ${written.users.toLocaleString('en')} users over ${DAYS} days written to sqlite in ${seconds(writeMs)}`,
    );
  }
  if (DATA_FILE) await copyFile(DATA_FILE, path);
  // On disk before anything is timed: otherwise the first engine to run shares the disk with the writeback of a
  // freshly written gigabyte, and the second does not.
  const file = await open(path, 'r+');
  await file.sync();
  await file.close();
  const { store, services, close } = openStore(dir, path);
  await store.init(ALL_CONTAINERS);

  const today = Math.floor(NOW / DAY);
  const from = today - DAYS;
  const asOf = today - 1;
  const { rollups } = services.analytics;
  const defs = await services.analytics.definitions.get(PRODUCT);
  console.log(`RSS before either engine (the platform's modules loaded, nothing read): ${rss()}`);

  // Platform: one pass over the raw events (digests + funnels), then the derived rollups from the digests, all
  // in one run (as a recompute does: the steps after the scan use the digests it wrote without reading them back).
  const [platform, platformPeak] = await peakDuring(async () => {
    const [run, scanMs, scanCpu] = await cpuOf(() =>
      rollups.scan(PRODUCT, defs, from, today, { digests: true, funnels: true }),
    );
    const [, activeMs, activeCpu] = await cpuOf(() => rollups.active(PRODUCT, defs, from, today, run));
    const [, retentionMs, retentionCpu] = await cpuOf(() =>
      rollups.retention(PRODUCT, defs, from, today, run),
    );
    const [, revenueMs] = await timed(() => rollups.revenue(PRODUCT, from, today, run));
    return {
      wall: scanMs + activeMs + retentionMs,
      cpu: scanCpu + activeCpu + retentionCpu,
      phases: `scan of raw events into day digests + funnel ${seconds(scanMs)}, DAU/WAU/MAU + calendar + adoption ${seconds(activeMs)}, retention ${seconds(retentionMs)}); revenue ${seconds(revenueMs)} besides`,
    };
  });
  const platformMs = platform.wall;
  const platformCpu = platform.cpu;
  console.log(
    `platform rollups: ${seconds(platformMs)} wall, ${seconds(platformCpu)} CPU (${platform.phases}; peak RSS ${platformPeak}`,
  );

  // DuckDB: fed from the same store, then the same figures in SQL.
  const [[duck, db, feedMs, feedCpu, duckResults, sqlMs, sqlCpu], duckPeak] = await peakDuring(async () => {
    // Starting the engine counts with its feed: a run of an engine fed from the store would pay it every time.
    const [[duck, db], feedMs, feedCpu] = await cpuOf(async () => {
      const duck = await DuckDBInstance.create(':memory:');
      const db = await duck.connect();
      await db.run('CREATE TABLE events (user_id VARCHAR, name VARCHAR, at_ms DOUBLE, id VARCHAR)');
      await db.run('CREATE TABLE users (user_id VARCHAR, signup_ms DOUBLE)');
      await db.run('CREATE TABLE paying (user_id VARCHAR, at_ms DOUBLE)');
      const events = await db.createAppender('events');
      // The same paged reader the rollups use, so both engines read the store at the same cost.
      for await (const page of createSources(store).events(PRODUCT, 0, NOW + DAY)) {
        for (const e of page) {
          events.appendVarchar(e.userId);
          events.appendVarchar(e.name);
          events.appendDouble(e.atMs);
          events.appendVarchar(e.id);
          events.endRow();
        }
      }
      events.closeSync();
      const users = await db.createAppender('users');
      for await (const page of pages<UserDoc>(store, USERS_CONTAINERS.users.name, 'createdAt')) {
        for (const u of page) {
          users.appendVarchar(u.id);
          users.appendDouble(Date.parse(u.createdAt));
          users.endRow();
        }
      }
      users.closeSync();
      const plans = (
        await store
          .container<TPlan>(BILLING_CONTAINERS.plans.name)
          .query({ partitionKey: PRODUCT, limit: 100 })
      ).items;
      const priced = new Set(plans.filter((p) => p.priceCents > 0).map((p) => p.code));
      const paying = await db.createAppender('paying');
      for await (const page of pages<TSubscription>(
        store,
        BILLING_CONTAINERS.subscriptions.name,
        'createdAt',
      )) {
        for (const s of page) {
          let was = false;
          const first = s.history[0];
          const states = [
            {
              at: s.createdAt,
              plan: first ? (first.fromPlan ?? first.toPlan) : s.planCode,
              status: first ? (first.fromStatus ?? first.toStatus) : s.status,
            },
            ...s.history.map((c) => ({ at: c.at, plan: c.toPlan, status: c.toStatus })),
          ];
          for (const state of states) {
            const is = priced.has(state.plan) && (state.status === 'active' || state.status === 'past_due');
            if (is && !was) {
              paying.appendVarchar(s.userId);
              paying.appendDouble(Date.parse(state.at));
              paying.endRow();
            }
            was = is;
          }
        }
      }
      paying.closeSync();
      return [duck, db] as const;
    });
    const q = DUCKDB_QUERIES({ from, to: today, asOf });
    const [duckResults, sqlMs, sqlCpu] = await cpuOf(async () => {
      await db.run(q.activeDays);
      const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowsJS();
      return {
        dau: await rows(q.dau),
        wau: await rows(q.wau),
        mau: await rows(q.mau),
        retention: await rows(q.retention),
        funnel: await rows(q.funnel),
      };
    });
    return [duck, db, feedMs, feedCpu, duckResults, sqlMs, sqlCpu] as const;
  });
  const duckMs = feedMs + sqlMs;
  const duckCpu = feedCpu + sqlCpu;
  console.log(
    `DuckDB: ${seconds(duckMs)} wall, ${seconds(duckCpu)} CPU (fed from the store ${seconds(feedMs)}, SQL ${seconds(sqlMs)} wall / ${seconds(sqlCpu)} CPU); peak RSS ${duckPeak}`,
  );
  console.log(
    `ratio platform / DuckDB: ${(platformMs / duckMs).toFixed(2)}x wall and ${(platformCpu / duckCpu).toFixed(2)}x CPU counting DuckDB's feed from the store; ${(platformMs / sqlMs).toFixed(2)}x wall against its SQL alone`,
  );

  // The same figures?
  const range = {
    from: new Date(from * DAY).toISOString().slice(0, 10),
    to: new Date(today * DAY).toISOString().slice(0, 10),
  };
  const active = await services.analytics.activeUsers(PRODUCT, {
    ...range,
    granularity: 'day',
    breakdown: 'none',
  });
  const points = active.series[0]?.points ?? [];
  const num = (v: unknown) => Number(v);
  const same = (name: string, ours: number[], theirs: number[]) =>
    console.log(
      `  ${name}: ${ours.length === theirs.length && ours.every((v, i) => v === theirs[i]) ? 'equal' : 'DIFFER'} (${ours.length} values)`,
    );
  console.log('figures, platform rollups against DuckDB:');
  same(
    'DAU',
    points.map((p) => p.dau ?? -1),
    points.map((p) =>
      num(duckResults.dau.find((r) => num(r[0]) === Date.parse(`${p.period}T00:00:00Z`) / DAY)?.[1] ?? 0),
    ),
  );
  same(
    'WAU',
    points.map((p) => p.wau ?? -1),
    duckResults.wau.map((r) => num(r[1])),
  );
  same(
    'MAU',
    points.map((p) => p.mau ?? -1),
    duckResults.mau.map((r) => num(r[1])),
  );
  const retention = await services.analytics.retention(PRODUCT, {
    ...range,
    granularity: 'day',
    start: 'signup',
    mode: 'first_time',
    breakdown: 'none',
  });
  const ours = (retention.series[0]?.cohorts ?? []).flatMap((c) =>
    c.on.flatMap((v, n) => (v === null ? [] : [v, c.onOrAfter[n] ?? -1])),
  );
  same(
    'retention D0–D30 (on day N, on or after)',
    ours,
    duckResults.retention.flatMap((r) => [num(r[2]), num(r[3])]),
  );
  const funnel = await services.analytics.funnel(PRODUCT, {
    ...range,
    granularity: 'day',
    breakdown: 'none',
    funnelId: 'default',
  });
  same(
    '4-step funnel',
    (funnel.series[0]?.steps ?? []).map((s) => s.count),
    (duckResults.funnel[0] ?? []).map(num),
  );

  // Read time of each view (what the console's charts call), median of 7.
  const read = async (name: string, fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push((await timed(fn))[1]);
    times.sort((a, b) => a - b);
    console.log(`  ${name}: ${(times[3] as number).toFixed(1)} ms`);
  };
  console.log(`read time per view over ${DAYS + 1} days (median of 7):`);
  const base = { ...range, breakdown: 'platform' as const };
  await read('active users, rolling by day', () =>
    services.analytics.activeUsers(PRODUCT, { ...base, granularity: 'day' }),
  );
  await read('active users, calendar weeks', () =>
    services.analytics.activeUsers(PRODUCT, { ...base, granularity: 'week' }),
  );
  await read('retention, day cohorts', () =>
    services.analytics.retention(PRODUCT, {
      ...base,
      granularity: 'day',
      start: 'signup',
      mode: 'first_time',
    }),
  );
  await read('retention, week cohorts', () =>
    services.analytics.retention(PRODUCT, {
      ...base,
      granularity: 'week',
      start: 'active',
      mode: 'recurring',
    }),
  );
  await read('funnel', () =>
    services.analytics.funnel(PRODUCT, { ...base, granularity: 'week', funnelId: 'default' }),
  );
  await read('adoption', () => services.analytics.adoption(PRODUCT, { ...base, granularity: 'week' }));
  await read('revenue', () =>
    services.analytics.revenue(PRODUCT, { ...range, granularity: 'month', breakdown: 'plan' }),
  );

  db.closeSync();
  duck.closeSync();
  await close();
  await rm(dir, { recursive: true, force: true });
};

await main();
