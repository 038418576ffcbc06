/**
 * `pnpm --filter @bytelyst/api bench`: one process, the real server on sqlite in a temp folder, listening on
 * 127.0.0.1; autocannon against a raw Fastify route (same JSON shape), a tRPC query and the same procedure
 * through REST. Prints req/s, p99 and each one's ratio to the raw route. Reports only; never fails on a figure.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_LOG_LEVEL (info: the production default, written
 * to a sink so the bench measures its cost without flooding the terminal).
 */
import type { AddressInfo } from 'node:net';
import { createContextFactory } from '@bytelyst/routers/context';
import { createCaller } from '@bytelyst/routers/root';
import autocannon from 'autocannon';
import { contextInput } from '../src/plugins/trpc';
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
/** Targets to run, e.g. `trpc` when profiling one face (default: all of them). */
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'raw,trpc,trpc-authed,trpc-official,rest,rest-official,caller').split(','),
);

type Row = {
  key: string;
  name: string;
  path: string;
  headers?: Record<string, string>;
  rps: number;
  p99: number;
  errors: number;
  cpuUs: number;
};

/**
 * req/s depends on what else the machine runs; CPU time of this process per request (server and load
 * generator share it, the latter about equally for every target) is the steadier figure, so both are shown.
 */
const run = async (url: string, seconds: number, headers: Record<string, string> = {}) => {
  const before = process.cpuUsage();
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
  });
  const cpu = process.cpuUsage(before);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuUs: (cpu.user + cpu.system) / Math.max(1, result.requests.total),
  };
};

const main = async () => {
  // The test harness gives real drivers in a temp dir, the default product and an admin; the bench builds its
  // own server over them so it can choose the logger and add the raw route.
  const base = await createTestServer({ env: { LOG_LEVEL } });
  await base.app.close();
  let logLines = 0;
  const app = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: Date.now,
    services: base.services,
    logStream: {
      write: () => {
        logLines += 1;
      },
    },
  });
  const product = await base.services.products.find(base.env.DEFAULT_PRODUCT_ID);
  if (!product) throw new Error('no default product');
  const shape = { result: { data: { id: product.id, name: product.name, status: product.status } } };
  app.get('/bench/raw', (_request, reply) => {
    void reply.send(shape);
  });
  // Where the time goes: the same context and procedure through createCaller, without either HTTP adapter.
  const createContext = createContextFactory(base.services);
  app.get('/bench/caller', async (request) => {
    const ctx = await createContext(contextInput(request));
    return { result: { data: await createCaller(ctx).products.getCurrent() } };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The same server with every call through the official tRPC fetch adapter and trpc-to-openapi's adapter, to
  // show what the fast paths save.
  const officialApp = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: Date.now,
    services: base.services,
    logStream: { write: () => undefined },
    trpcFastPath: false,
    restFastPath: false,
  });
  await officialApp.listen({ host: '127.0.0.1', port: 0 });
  const officialOrigin = `http://127.0.0.1:${(officialApp.server.address() as AddressInfo).port}`;

  // A signed-in admin's bearer: every request verifies the JWT and checks its session (principal cache, store
  // read on a miss, the throttled last-active mark), as a console or client call does.
  const signedIn = await base.services.auth.login(
    base.env.DEFAULT_PRODUCT_ID,
    { email: base.admin.email, password: base.admin.password },
    { ip: '127.0.0.1', userAgent: 'http-bench' },
  );
  const bearer = { authorization: `Bearer ${signedIn.accessToken}` };

  const targets: {
    key: string;
    name: string;
    path: string;
    origin?: string;
    headers?: Record<string, string>;
  }[] = [
    { key: 'raw', name: 'raw fastify route', path: '/bench/raw' },
    { key: 'trpc', name: 'tRPC products.getCurrent', path: '/trpc/products.getCurrent' },
    {
      key: 'trpc-authed',
      name: 'tRPC, signed in (session checked)',
      path: '/trpc/products.getCurrent',
      headers: bearer,
    },
    {
      key: 'trpc-official',
      name: 'tRPC, official fetch adapter only',
      path: '/trpc/products.getCurrent',
      origin: officialOrigin,
    },
    { key: 'rest', name: 'REST GET /v1/products/current', path: '/v1/products/current' },
    {
      key: 'rest-official',
      name: 'REST, trpc-to-openapi adapter only',
      path: '/v1/products/current',
      origin: officialOrigin,
    },
    { key: 'caller', name: 'same procedure, createCaller, no adapter', path: '/bench/caller' },
  ];
  const urlOf = (target: { path: string; origin?: string }) => `${target.origin ?? origin}${target.path}`;
  for (const target of targets) {
    const res = await fetch(urlOf(target), { headers: target.headers ?? {} });
    if (res.status !== 200) throw new Error(`${target.path} answered ${res.status}: ${await res.text()}`);
  }

  process.stdout.write(
    `\nHTTP bench: ${CONNECTIONS} connections, ${SECONDS} s per target after a 3 s warm-up, log level ${LOG_LEVEL}, ` +
      `Node ${process.version}\n\n`,
  );
  const rows: Row[] = [];
  for (const target of targets.filter((t) => ONLY.has(t.key))) {
    await run(urlOf(target), 3, target.headers);
    const measured = await run(urlOf(target), SECONDS, target.headers);
    rows.push({ ...target, ...measured });
  }

  const raw = rows.find((row) => row.key === 'raw');
  const header = ['target', 'req/s', 'p99 ms', 'ratio to raw', 'CPU us/req', 'CPU ratio', 'errors'];
  const lines = rows.map((row) => [
    `${row.name} (${row.path})`,
    row.rps.toFixed(0),
    row.p99.toFixed(1),
    raw ? (row.rps / raw.rps).toFixed(2) : '-',
    row.cpuUs.toFixed(0),
    raw ? (raw.cpuUs / row.cpuUs).toFixed(2) : '-',
    String(row.errors),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  process.stdout.write(`${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
  const labels: Record<string, string> = { trpc: 'tRPC', 'trpc-authed': 'tRPC signed in', rest: 'REST' };
  for (const key of ['trpc', 'trpc-authed', 'rest']) {
    const row = rows.find((candidate) => candidate.key === key);
    if (raw && row) {
      process.stdout.write(
        `\n${labels[key]} / raw: ${(row.rps / raw.rps).toFixed(2)} req/s, ` +
          `${(raw.cpuUs / row.cpuUs).toFixed(2)} CPU (target 0.60)`,
      );
    }
  }
  process.stdout.write(`\n(${logLines} log lines written to the sink)\n`);

  await officialApp.close();
  await app.close();
  await base.close();
};

runBench(main);
