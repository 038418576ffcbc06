/**
 * Outbound webhooks: public events emitted on the bus, fanned out by the webhooks subscriber into one persisted
 * message per endpoint, signed and POSTed by the delivery engine to a loopback receiver that answers 200.
 * File-backed sqlite and the platform's default settings (bus and engine started as the API starts them), as on
 * one machine. The receiver runs in a child process (`webhook-receiver-process.ts`): its CPU is not ours.
 *
 * a. Throughput: BENCH_WEBHOOK_EVENTS (10,000) events to BENCH_WEBHOOK_ENDPOINTS (10) endpoints, emitted as
 *    fast as the bus takes them; signed deliveries per second from the first emit to the last message's
 *    200, with a check that every (event, endpoint) pair arrived and a count of duplicates.
 * b. Latency: BENCH_WEBHOOK_RATES (20, 50 and 200) events per second for BENCH_WEBHOOK_SECONDS (10) s each to the
 *    same endpoints; p50/p99 from the emit call to the first attempt's arrival at the receiver (both processes
 *    stamp with the wall clock). 200/s offers 2,000 deliveries/s, above the throughput: it shows the knee.
 *
 * Run with `npx tsx bench/webhooks-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import './production-env';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { bootstrapPlatform } from '../src/bootstrap';
import { WEBHOOK_CONTAINERS } from '../src/modules/webhooks/containers';
import type { MessageDoc } from '../src/modules/webhooks/repository';
import { WEBHOOK_MESSAGE_STATUSES, ZWebhookEndpointCreateInput } from '../src/modules/webhooks/schema';
import { ALL_CONTAINERS, createServices } from '../src/services';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 10_000);
const ENDPOINTS = Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 10);
const EMITTERS = Number(process.env.BENCH_WEBHOOK_EMITTERS ?? 64);
/** Paced rates for the latency runs, events per second (each to every endpoint). */
const RATES = (process.env.BENCH_WEBHOOK_RATES ?? '20,50,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
/** Receiver ports: one per endpoint by default (different integrators are different hosts); 1 to share one. */
const PORTS = Number(process.env.BENCH_WEBHOOK_RECEIVER_PORTS ?? ENDPOINTS);
const PRODUCT = 'platform';
const EVENT_TYPE = 'flag.toggled';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round1 = (ms: number) => Number(ms.toFixed(1));
/** This process's CPU (user + system, all threads) in ms since `from`. */
const cpuMs = (from?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
/** The machine's 1-minute load: the figures mean little when other work shares the cores. */
const load = () => Number((loadavg()[0] ?? 0).toFixed(2));

type Reached = { reached: number; at: number; requests: number; verified: number; badSignatures: number };
type Arrivals = {
  arrivals: [string, number][];
  requests: number;
  verified: number;
  badSignatures: number;
  repeated: string[];
};

/** Warnings and errors of the platform, counted by message (the bench prints them: none is expected). */
const logged: Record<string, number> = {};
const countingLogger = {
  info: () => undefined,
  warn: (_obj: object, msg: string) => {
    logged[`warn: ${msg}`] = (logged[`warn: ${msg}`] ?? 0) + 1;
  },
  error: (obj: object, msg: string) => {
    const key = `error: ${msg} ${JSON.stringify(obj).slice(0, 200)}`;
    logged[key] = (logged[key] ?? 0) + 1;
  },
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-bench-'));
  const child = fork(
    fileURLToPath(new URL('./webhook-receiver-process.ts', import.meta.url)),
    [String(PORTS)],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send(message as string);
    });
  const { urls } = await new Promise<{ urls: string[] }>((resolve) =>
    child.once('message', (m) => resolve(m as { urls: string[] })),
  );

  const store = createSqliteStore({ path: join(dir, 'store.sqlite'), checkpoints: 'background' });
  await store.init(ALL_CONTAINERS);
  const services = createServices({
    store,
    blob: createFsBlobStore({
      root: join(dir, 'blobs'),
      signingSecret: 'bench-signing-secret',
      publicBaseUrl: 'http://127.0.0.1/blobs',
    }),
    clock: Date.now,
    config: {
      jwtSecret: 'bench-jwt-secret-at-least-32-characters',
      accessTokenTtlSeconds: 900,
      sessionTtlDays: 30,
      defaultProductId: PRODUCT,
      webhooks: { allowedCidrs: ['127.0.0.0/8'] },
    },
    logger: countingLogger,
  });
  await bootstrapPlatform(services, { adminEmail: 'root@bench.test', adminPassword: 'bench-password-1234' });
  await services.bus.drain();
  const secrets: Record<string, string> = {};
  const endpointAt: Record<string, string> = {};
  for (let i = 0; i < ENDPOINTS; i += 1) {
    const path = `/endpoint-${i}`;
    const created = await services.webhooks.endpoints.create(
      PRODUCT,
      ZWebhookEndpointCreateInput.parse({ url: `${urls[i % urls.length]}${path}`, eventTypes: [EVENT_TYPE] }),
      'bench',
    );
    secrets[path] = created.secret;
    endpointAt[path] = created.id;
  }
  await ask({ secrets });
  // As the API runs: the dispatcher's poll and the webhook engine's poll started.
  services.bus.start();
  for (const worker of services.workers) worker.start();

  const emitAt = new Map<string, number>();
  let n = 0;
  const emitOne = async () => {
    n += 1;
    const started = now();
    const event = await services.bus.emit(
      EVENT_TYPE,
      { flagId: `bench-flag-${n}`, enabled: n % 2 === 0, percentage: n % 101 },
      { productId: PRODUCT },
    );
    emitAt.set(event.id, started);
  };
  const arrived = (count: number) => ask<Reached>({ until: count });

  // Warm-up: JIT, prepared statements, kept-alive connections.
  for (let i = 0; i < 50; i += 1) await emitOne();
  await arrived(50 * ENDPOINTS);
  await services.webhooks.engine.whenIdle();
  emitAt.clear();
  await ask('reset');

  // a. Throughput.
  const loadBefore = load();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: EMITTERS }, async () => {
      while (sent < EVENTS) {
        sent += 1;
        await emitOne();
      }
    }),
  );
  const emitted = now();
  const expected = emitAt.size * ENDPOINTS;
  const done = await arrived(expected);
  const cpu = cpuMs(cpu0);
  const a = await ask<Arrivals>('arrivals');
  const pairs = new Set(a.arrivals.map(([key]) => key));
  const missing = [...emitAt.keys()].flatMap((id) =>
    Object.keys(secrets).filter((path) => !pairs.has(`${id} ${path}`)),
  ).length;
  await services.webhooks.engine.whenIdle();
  const messages = store.container<MessageDoc>(WEBHOOK_CONTAINERS.webhookDeliveries.name);
  const byStatus = Object.fromEntries(
    await Promise.all(
      WEBHOOK_MESSAGE_STATUSES.map(async (status) => [
        status,
        await messages.count({ where: { status: { eq: status } } }),
      ]),
    ),
  ) as Record<(typeof WEBHOOK_MESSAGE_STATUSES)[number], number>;
  // What the store says of messages that came twice, and of any that did not succeed: where duplicates came from.
  const attemptsOf = (m: MessageDoc) => ({
    status: m.status,
    claim: m.claim,
    nextAttemptAt: m.nextAttemptAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    attempts: m.attempts.map((x) => ({ at: x.at, ms: x.durationMs, code: x.responseCode, error: x.error })),
  });
  const repeatedInStore = await Promise.all(
    a.repeated.map(async (key) => {
      const [id = '', path = ''] = key.split(' ');
      const found = await messages.query({
        where: { messageId: { eq: id }, endpointId: { eq: endpointAt[path] ?? '' } },
        limit: 1,
      });
      return found.items.map(attemptsOf)[0];
    }),
  );
  const notSucceeded = await messages.query({ where: { status: { ne: 'succeeded' } }, limit: 5 });
  const elapsed = done.at - t0;
  console.log(
    JSON.stringify({
      bench: 'webhooks.throughput',
      setup: `${emitAt.size} ${EVENT_TYPE} events x ${ENDPOINTS} endpoints, ${EMITTERS} concurrent emitters, file sqlite, receiver in a child process on ${PORTS} port(s)`,
      events: emitAt.size,
      endpoints: ENDPOINTS,
      deliveries: done.reached,
      elapsedMs: Math.round(elapsed),
      emitPhaseMs: Math.round(emitted - t0),
      eventsAcceptedPerSecond: Math.round((emitAt.size / (emitted - t0)) * 1000),
      deliveriesPerSecond: Math.round((done.reached / elapsed) * 1000),
      aim: '>= 1000 deliveries/s',
      cpuMsPerDelivery: Number((cpu / done.reached).toFixed(3)),
      loadAverage: { before: loadBefore, after: load(), cores: availableParallelism() },
      missingPairs: missing,
      duplicates: a.requests - pairs.size,
      receiverRequests: a.requests,
      signaturesVerified: a.verified,
      badSignatures: a.badSignatures,
      messagesInStore: { ...byStatus, succeeded: byStatus.succeeded - 50 * ENDPOINTS },
      ...(notSucceeded.items.length > 0 ? { notSucceededSample: notSucceeded.items.map(attemptsOf) } : {}),
      ...(repeatedInStore.length > 0 ? { duplicatesInStore: repeatedInStore } : {}),
      logged,
    }),
  );

  // b. Latency at paced rates: below the throughput, and (by default) one above it, to show the knee.
  for (const rate of RATES) {
    emitAt.clear();
    await ask('reset');
    const total = rate * SECONDS;
    const pending: Promise<void>[] = [];
    const latencyLoad = load();
    const l0 = now();
    for (let i = 0; i < total; i += 1) {
      const wait = l0 + (i * 1000) / rate - now();
      if (wait > 1) await sleep(wait);
      pending.push(emitOne());
    }
    await Promise.all(pending);
    await arrived(total * ENDPOINTS);
    const b = await ask<Arrivals>('arrivals');
    const latencies = b.arrivals
      .map(([key, at]) => at - (emitAt.get(key.slice(0, key.indexOf(' '))) ?? Number.NaN))
      .filter((ms) => !Number.isNaN(ms))
      .sort((x, y) => x - y);
    console.log(
      JSON.stringify({
        bench: 'webhooks.latency',
        setup: `${rate} events/s for ${SECONDS} s x ${ENDPOINTS} endpoints (${rate * ENDPOINTS} deliveries/s offered)`,
        deliveries: latencies.length,
        emitToFirstAttemptMs: {
          p50: round1(percentile(latencies, 50)),
          p90: round1(percentile(latencies, 90)),
          p99: round1(percentile(latencies, 99)),
          max: round1(latencies.at(-1) ?? Number.NaN),
        },
        aim: 'p99 < 100 ms',
        duplicates: b.requests - b.arrivals.length,
        loadAverage: { before: latencyLoad, after: load() },
      }),
    );
    await services.webhooks.engine.whenIdle();
  }

  for (const worker of services.workers) await worker.stop();
  await services.jobRunner.stop();
  await services.bus.stop();
  await store.close();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
};

await main();
