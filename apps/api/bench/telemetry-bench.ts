/**
 * `tsx bench/telemetry-bench.ts`: client telemetry ingestion through the REST face (POST /v1/telemetry/ingest)
 * of the real server on sqlite in a temp folder, in batches of BENCH_BATCH events (default 100), driven by
 * autocannon over HTTP on 127.0.0.1. Prints batches/s, events/s, p99 and the events stored. Reports only; never
 * fails on a figure.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (10), BENCH_BATCH (100), BENCH_ERROR_SHARE (0.05: the share of
 * error events, spread over 10 fingerprints, so cluster updates with ifMatch retries are part of the figure).
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const ERROR_SHARE = Number(process.env.BENCH_ERROR_SHARE ?? 0.05);

const batchBody = (at: string) => {
  const errors = Math.round(BATCH * ERROR_SHARE);
  const events = Array.from({ length: BATCH }, (_, i) =>
    i < errors
      ? {
          name: 'error.unhandled',
          level: 'error',
          at,
          platform: 'web',
          appVersion: '1.0.0',
          deviceId: `bench-device-${i}`,
          message: `Bench failure ${i % 10} for item ${i}`,
          stack: `Error: bench\n    at handler${i % 10} (app.js:${i}:7)\n    at run (app.js:1:1)`,
        }
      : {
          name: `screen.view.${i % 20}`,
          level: 'info',
          at,
          sessionId: 'bench-session',
          platform: 'web',
          appVersion: '1.0.0',
          props: { screen: `s${i % 20}`, index: i, warm: true },
        },
  );
  return JSON.stringify({ events });
};

const main = async () => {
  const base = await createTestServer();
  await base.app.close();
  const app = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: base.clock.clock,
    services: base.services,
    logStream: { write: () => undefined },
  });
  // One client sending as fast as it can is what the default ingest rate limit (600 batches a minute per
  // address) stops: the bench's address is exempt, as an operator would exempt a trusted collector.
  await base.services.ratelimit.ipRules.create(
    base.env.DEFAULT_PRODUCT_ID,
    { cidr: '127.0.0.1', action: 'allow', reason: 'telemetry bench client', expiresAt: null },
    { userId: 'bench', email: base.admin.email, ip: '10.0.0.1' },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/telemetry/ingest`;
  const body = batchBody(new Date(base.clock.clock()).toISOString());
  const headers = { 'content-type': 'application/json' };

  const probe = await fetch(url, { method: 'POST', headers, body });
  if (probe.status !== 200) throw new Error(`ingest answered ${probe.status}: ${await probe.text()}`);
  const accepted = ((await probe.json()) as { accepted?: number }).accepted;
  if (accepted !== BATCH) throw new Error(`expected ${BATCH} accepted, got ${JSON.stringify(accepted)}`);

  const run = (seconds: number) =>
    autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: seconds });
  await run(3);
  const result = await run(SECONDS);
  const stored = await base.services.telemetry.events.list(base.env.DEFAULT_PRODUCT_ID, { limit: 1 });
  const clusters = await base.services.telemetry.clusters.list(base.env.DEFAULT_PRODUCT_ID, {
    sort: 'count',
  });
  const clusterCount = clusters.items.reduce((sum, c) => sum + c.count, 0);
  // The WAL must stay bounded under writes that never pause (background checkpoints, checkpointer.ts).
  const walBytes = (() => {
    try {
      return statSync(`${base.env.SQLITE_PATH}-wal`).size;
    } catch {
      return 0;
    }
  })();

  const rows: [string, string][] = [
    ['batch size (events)', String(BATCH)],
    ['error share', ERROR_SHARE.toFixed(2)],
    ['batches/s', result.requests.average.toFixed(0)],
    ['events/s', (result.requests.average * BATCH).toFixed(0)],
    ['p50 ms per batch', result.latency.p50.toFixed(1)],
    ['p99 ms per batch', result.latency.p99.toFixed(1)],
    ['errors (non-2xx, timeouts)', String(result.errors + result.non2xx + result.timeouts)],
    ['error events counted in clusters', String(clusterCount)],
    ['store has events', stored.items.length > 0 ? 'yes' : 'no'],
    ['sqlite WAL at the end (MB)', (walBytes / 1e6).toFixed(1)],
  ];
  process.stdout.write(
    `\nTelemetry ingest bench: POST /v1/telemetry/ingest, ${CONNECTIONS} connections, ${SECONDS} s after a ` +
      `3 s warm-up, ${base.store.driver}, Node ${process.version}\n\n`,
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) process.stdout.write(`${key.padEnd(width)}  ${value.padStart(10)}\n`);
  process.stdout.write('\n');

  await app.close();
  await base.close();
};

runBench(main);
