/**
 * `pnpm --filter @bytelyst/api bench`: one process, the real server on sqlite in a temp folder, listening on
 * 127.0.0.1; autocannon against a raw Fastify route (same JSON shape), a tRPC query and the same procedure
 * through REST. Prints req/s, p99 and each one's ratio to the raw route. Reports only; never fails on a figure.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_LOG_LEVEL (info: the production default, written
 * to a sink so the bench measures its cost without flooding the terminal).
 *
 * The main server runs the IP-rule and rate-limit checks (plugins/ratelimit.ts) with 10,000 IP rules in the
 * product and a rule that counts every call of the measured procedure (never reached); a second server runs
 * without them, and the `-unchecked` targets measure it: the difference is what the checks cost (budget 5 %),
 * taken as the median of BENCH_ROUNDS (5) alternating rounds of BENCH_ROUND_SECONDS (3).
 * The raw route is served by the unchecked server, so it stays the same yardstick for both.
 */
import type { AddressInfo } from 'node:net';
import { createContextFactory } from '@bytelyst/routers/context';
import { RATELIMIT_CONTAINERS } from '@bytelyst/routers/modules/ratelimit/containers';
import { createCaller } from '@bytelyst/routers/root';
import autocannon from 'autocannon';
import { contextInput } from '../src/plugins/trpc';
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
/** The checks-on-vs-off comparison: alternating rounds (BENCH_ROUNDS) of BENCH_ROUND_SECONDS each. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 3);
/** Targets to run, e.g. `trpc` when profiling one face (default: all of them). */
const ONLY = new Set(
  (
    process.env.BENCH_ONLY ??
    'raw,trpc,trpc-unchecked,trpc-authed,trpc-authed-unchecked,trpc-official,rest,rest-unchecked,rest-official,caller'
  ).split(','),
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

/**
 * 10,000 deny rules on random addresses outside loopback (the bench's client is 127.0.0.1) in the default
 * product, written in batches straight to the store, and a rule over products.getCurrent keyed by address
 * whose limit the bench never reaches: every measured call walks the trie and counts in a sliding window.
 */
const seedTrafficRules = async (base: Awaited<ReturnType<typeof createTestServer>>) => {
  const productId = base.env.DEFAULT_PRODUCT_ID;
  const ipRules = base.store.container<{ id: string }>(RATELIMIT_CONTAINERS.ipRules.name);
  let seed = 2463534242;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed;
  };
  const at = new Date().toISOString();
  for (let batch = 0; batch < 100; batch += 1) {
    const docs = Array.from({ length: 100 }, (_, i) => {
      const cidr = `${11 + (next() % 200)}.${next() % 256}.${next() % 256}.${next() % 256}/${[16, 24, 32][i % 3]}`;
      return {
        id: `bench-${batch}-${i}`,
        productId,
        cidr,
        action: 'deny',
        reason: 'bench',
        createdBy: 'bench',
        createdByEmail: null,
        createdAt: at,
        expiresAt: null,
      };
    });
    await ipRules.batch(
      productId,
      docs.map((doc) => ({ op: 'upsert' as const, doc })),
    );
  }
  await base.services.ratelimit.rules.create(
    productId,
    {
      name: 'Bench: every products.getCurrent',
      description: '',
      match: ['products.getCurrent'],
      key: 'ip',
      limit: 1_000_000,
      windowSeconds: 60,
      enabled: true,
      expiresAt: null,
    },
    { userId: base.admin.email, email: base.admin.email, ip: '10.0.0.1' },
  );
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
  await seedTrafficRules(base);
  // The same server without the IP-rule and rate-limit hooks.
  const unchecked = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: Date.now,
    services: base.services,
    logStream: { write: () => undefined },
    trafficRules: false,
  });
  unchecked.get('/bench/raw', (_request, reply) => {
    void reply.send(shape);
  });
  await unchecked.listen({ host: '127.0.0.1', port: 0 });
  const uncheckedOrigin = `http://127.0.0.1:${(unchecked.server.address() as AddressInfo).port}`;
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
    { key: 'raw', name: 'raw fastify route', path: '/bench/raw', origin: uncheckedOrigin },
    { key: 'trpc', name: 'tRPC products.getCurrent', path: '/trpc/products.getCurrent' },
    {
      key: 'trpc-unchecked',
      name: 'tRPC, IP rules and rate limits off',
      path: '/trpc/products.getCurrent',
      origin: uncheckedOrigin,
    },
    {
      key: 'trpc-authed',
      name: 'tRPC, signed in (session checked)',
      path: '/trpc/products.getCurrent',
      headers: bearer,
    },
    {
      key: 'trpc-authed-unchecked',
      name: 'tRPC, signed in, checks off',
      path: '/trpc/products.getCurrent',
      headers: bearer,
      origin: uncheckedOrigin,
    },
    {
      key: 'trpc-official',
      name: 'tRPC, official fetch adapter only',
      path: '/trpc/products.getCurrent',
      origin: officialOrigin,
    },
    { key: 'rest', name: 'REST GET /v1/products/current', path: '/v1/products/current' },
    {
      key: 'rest-unchecked',
      name: 'REST, IP rules and rate limits off',
      path: '/v1/products/current',
      origin: uncheckedOrigin,
    },
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
  // On vs off, in alternating rounds: the machine's load drifts over a run, and two rounds measured back to back
  // share it; the median of the rounds' ratios is the figure.
  const pairs = [
    ['tRPC', 'trpc', 'trpc-unchecked'],
    ['tRPC signed in', 'trpc-authed', 'trpc-authed-unchecked'],
    ['REST', 'rest', 'rest-unchecked'],
  ] as const;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  process.stdout.write(
    `\n\nIP rules (10,000) + rate limits (a rule counting each call), on vs off, ${ROUNDS} alternating rounds ` +
      `of ${ROUND_SECONDS} s each (budget 5 %):`,
  );
  for (const [label, on, off] of pairs) {
    const checked = targets.find((target) => target.key === on);
    const plain = targets.find((target) => target.key === off);
    if (!checked || !plain || !ONLY.has(on) || !ONLY.has(off)) continue;
    const cpu: number[] = [];
    const rps: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const withChecks = await run(urlOf(checked), ROUND_SECONDS, checked.headers);
      const without = await run(urlOf(plain), ROUND_SECONDS, plain.headers);
      cpu.push(withChecks.cpuUs / without.cpuUs - 1);
      rps.push(1 - withChecks.rps / without.rps);
    }
    const tableOn = rows.find((row) => row.key === on);
    const tableOff = rows.find((row) => row.key === off);
    const ratios =
      raw && tableOn && tableOff
        ? ` (table: ${label === 'REST' ? 'REST' : 'tRPC'}/raw ${(tableOn.rps / raw.rps).toFixed(2)} with, ` +
          `${(tableOff.rps / raw.rps).toFixed(2)} without)`
        : '';
    process.stdout.write(
      `\n${label}: overhead ${(median(cpu) * 100).toFixed(1)} % CPU per request, ` +
        `${(median(rps) * 100).toFixed(1)} % req/s${ratios}; rounds (CPU): ` +
        `${cpu.map((value) => `${(value * 100).toFixed(1)} %`).join(', ')}`,
    );
  }
  // The same comparison without the network and the load generator: in-process requests (inject) in short
  // alternating batches, so that a busy machine's drift touches both sides alike.
  const injectCpu = async (
    server: typeof app,
    url: string,
    headers: Record<string, string>,
    count: number,
  ) => {
    const before = process.cpuUsage();
    for (let i = 0; i < count; i += 1) {
      const res = await server.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / count;
  };
  process.stdout.write(`\n\nSame, in process (inject), 40 alternating batches of 300 requests:`);
  for (const [label, url, headers] of [
    ['tRPC', '/trpc/products.getCurrent', {}],
    ['tRPC signed in', '/trpc/products.getCurrent', bearer],
    ['REST', '/v1/products/current', {}],
  ] as const) {
    const overheads: number[] = [];
    let on = 0;
    let off = 0;
    for (let round = 0; round < 40; round += 1) {
      const withChecks = await injectCpu(app, url, headers, 300);
      const without = await injectCpu(unchecked, url, headers, 300);
      overheads.push(withChecks / without - 1);
      on += withChecks;
      off += without;
    }
    process.stdout.write(
      `\n${label}: median overhead ${(median(overheads) * 100).toFixed(1)} % CPU per request ` +
        `(${(on / 40).toFixed(1)} us with the checks, ${(off / 40).toFixed(1)} us without)`,
    );
  }
  process.stdout.write(`\n(${logLines} log lines written to the sink)\n`);

  await unchecked.close();
  await officialApp.close();
  await app.close();
  await base.close();
};

runBench(main);
