/**
 * `pnpm --filter @bytelyst/api bench`: the real server on sqlite in a temp folder, listening on 127.0.0.1;
 * autocannon, in a child process of its own, against a raw Fastify route (same JSON shape), a tRPC query and
 * the same procedure through REST. Prints req/s, p99, the server's CPU time per request and each one's ratio to
 * the raw route. Reports only; never fails on a figure.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_LOG_LEVEL (info: the production default, written
 * to a sink so the bench measures its cost without flooding the terminal).
 *
 * The request checks (IP rules with 10,000 rules in the product, maintenance, and rate limits with a rule that
 * counts every call of the measured procedure, never reached) run on the main server; a second server runs
 * without them (the `-unchecked` targets), and serves the raw route, the yardstick for both. Both servers time
 * each request from a hook just before the checks to the response sent, one request at a time, and count the
 * server's CPU time per request over the same runs: the difference of the medians is what the checks cost, set
 * against the request's server CPU (budget 5 %). The difference is a few microseconds: on a busy machine the
 * noise is larger than it, so read it from a quiet run.
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createContextFactory } from '@bytelyst/routers/context';
import { RATELIMIT_CONTAINERS } from '@bytelyst/routers/modules/ratelimit/containers';
import { createCaller } from '@bytelyst/routers/root';
import type { FastifyInstance } from 'fastify';
import { contextInput } from '../src/plugins/trpc';
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
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
 * Times each request from a hook added just before the request checks to the end of its response (µs): the
 * work the checks add, less the work they take over from the handler (the signed-in context, the REST route
 * match, both shared), shows as the difference between a server with the checks and one without.
 */
const checksProbe = () => {
  const samples: number[] = [];
  const started = new WeakMap<object, bigint>();
  const aroundChecks = (app: FastifyInstance, at: 'before' | 'after') => {
    if (at === 'before') {
      app.addHook('onRequest', (request, _reply, done) => {
        started.set(request, process.hrtime.bigint());
        done();
      });
      return;
    }
    app.addHook('onResponse', (request, _reply, done) => {
      const from = started.get(request);
      if (from !== undefined && samples.length < 2_000_000)
        samples.push(Number(process.hrtime.bigint() - from) / 1000);
      done();
    });
  };
  return { samples, aroundChecks };
};

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** One autocannon run in a child process; this process's CPU time over it is the server's alone. */
const run = async (
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
) => {
  const before = process.cpuUsage();
  const child = fork(new URL('./load-child.mjs', import.meta.url), [
    JSON.stringify({ url, headers, connections, duration: seconds }),
  ]);
  const result = await new Promise<{ rps: number; total: number; p99: number; errors: number }>(
    (resolve, reject) => {
      child.once('message', (message) => resolve(message as never));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    },
  );
  const cpu = process.cpuUsage(before);
  return {
    rps: result.rps,
    p99: result.p99,
    errors: result.errors,
    cpuUs: (cpu.user + cpu.system) / Math.max(1, result.total),
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
  const probes = { checked: checksProbe(), unchecked: checksProbe() };
  const app = buildServer({
    aroundChecks: probes.checked.aroundChecks,
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
    requestChecks: false,
    aroundChecks: probes.unchecked.aroundChecks,
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
  // The checks' cost, timed inside the server, over one connection (one request at a time, so a request's time
  // is its own), in alternating rounds so that the machine's drift touches both servers alike.
  const stretch = async (probe: { samples: number[] }, url: string, headers: Record<string, string>) => {
    probe.samples.length = 0;
    const { cpuUs } = await run(url, 2, headers, 1);
    return { samples: [...probe.samples], cpuUs };
  };
  process.stdout.write(
    '\n\nRequest checks (IP rules: 10,000; maintenance: off; rate limits: a rule counting each call): median ' +
      'time in the server from the first check to the response sent, one request at a time, 8 rounds of 2 s in ' +
      'ABBA order (budget 5 %; run on a quiet machine, the figures are a few microseconds):',
  );
  for (const [label, key, path, headers] of [
    ['tRPC', 'trpc', '/trpc/products.getCurrent', {}],
    ['tRPC signed in', 'trpc-authed', '/trpc/products.getCurrent', bearer],
    ['REST', 'rest', '/v1/products/current', {}],
  ] as const) {
    const row = rows.find((candidate) => candidate.key === key);
    if (!row) continue;
    const on: number[] = [];
    const off: number[] = [];
    const cpuOn: number[] = [];
    const cpuOff: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      // ABBA: every other round the unchecked server goes first, so a drift in the machine's speed cancels out.
      const first = round % 2 === 0;
      const a = first ? await stretch(probes.checked, `${origin}${path}`, headers) : null;
      const unchecked = await stretch(probes.unchecked, `${uncheckedOrigin}${path}`, headers);
      const checked = a ?? (await stretch(probes.checked, `${origin}${path}`, headers));
      on.push(...checked.samples);
      off.push(...unchecked.samples);
      cpuOn.push(checked.cpuUs);
      cpuOff.push(unchecked.cpuUs);
    }
    const cost = median(on) - median(off);
    const cpuCost = median(cpuOn) - median(cpuOff);
    process.stdout.write(
      `\n${label}: ${median(on).toFixed(2)} us with the checks, ${median(off).toFixed(2)} us without ` +
        `(${on.length} and ${off.length} requests): the checks cost ${cost.toFixed(2)} us = ` +
        `${((cost / row.cpuUs) * 100).toFixed(1)} % of the request's ${row.cpuUs.toFixed(0)} us of server CPU ` +
        `under load; server CPU per request, one at a time: ${median(cpuOn).toFixed(1)} vs ` +
        `${median(cpuOff).toFixed(1)} us (${cpuCost.toFixed(1)} us = ${((cpuCost / median(cpuOff)) * 100).toFixed(1)} %)`,
    );
  }
  process.stdout.write(`\n(${logLines} log lines written to the sink)\n`);

  await unchecked.close();
  await officialApp.close();
  await app.close();
  await base.close();
};

runBench(main);
