/**
 * Email delivery throughput: `delivery.send` (validate, persist the log entry, its event and the idempotency key
 * in one commit) through the bus's dispatcher (render the template, POST /v3/mail/send) to a loopback server
 * that answers as SendGrid does (202). Reports emails per second from the first send to the last 202, and the
 * p50/p99 from a send's call to its request reaching the provider. File-backed sqlite, as on one machine. The
 * fake provider runs in a child process (`sendgrid-process.ts`), as the real one is elsewhere: its CPU is not
 * ours to count.
 * Run with `npx tsx bench/delivery-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import './production-env';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { bootstrapPlatform } from '../src/bootstrap';
import { createSendgridDriver } from '../src/modules/delivery/channels/email-sendgrid';
import { ALL_CONTAINERS, createServices } from '../src/services';

const MESSAGES = Number(process.env.BENCH_EMAILS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 32);
/** Dispatcher-only processes beside this one; with any, this process only accepts. */
const DISPATCHERS = Number(process.env.BENCH_DISPATCHERS ?? 0);
const PRODUCT = 'platform';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-bench-'));
  const child = fork(fileURLToPath(new URL('./sendgrid-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const baseUrl = await new Promise<string>((resolve) =>
    child.once('message', (m) => resolve((m as { baseUrl: string }).baseUrl)),
  );
  const arrivals = () =>
    new Promise<Record<string, number>>((resolve) => {
      child.once('message', (m) => resolve((m as { arrivals: Record<string, number> }).arrivals));
      child.send('arrivals');
    });
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
      ...(process.env.BENCH_ACCEPT_ONLY || DISPATCHERS > 0 ? { events: { dispatch: false } } : {}),
      delivery: {
        email:
          process.env.BENCH_EMAIL_DRIVER === 'outbox'
            ? { driver: 'outbox' }
            : { driver: 'sendgrid', sendgrid: { apiKey: 'SG.bench', apiBase: baseUrl } },
        quietHours: null,
      },
    },
  });
  await bootstrapPlatform(services, { adminEmail: 'root@bench.test', adminPassword: 'bench-password-1234' });
  await services.bus.drain();
  const dispatchers = await Promise.all(
    Array.from({ length: DISPATCHERS }, async () => {
      const proc = fork(
        fileURLToPath(new URL('./dispatcher-process.ts', import.meta.url)),
        [join(dir, 'store.sqlite'), join(dir, 'blobs'), baseUrl],
        { execArgv: ['--import', 'tsx'] },
      );
      await new Promise((resolve) => proc.once('message', resolve));
      return proc;
    }),
  );
  /** Until the provider has seen `count` of these ids (the dispatchers work out of this process's sight). */
  const untilArrived = async (ids: readonly string[]) => {
    for (;;) {
      const seen = await arrivals();
      if (ids.every((id) => id in seen)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const sentAt = new Map<string, number>();
  const sendOne = async (i: number) => {
    // Wall-clock ms on both sides: the provider's process stamps arrivals with the same clock.
    const started = performance.timeOrigin + performance.now();
    const result = await services.delivery.send(PRODUCT, {
      to: `bench-${i}@example.com`,
      template: 'verify-email',
      props: { verifyUrl: `https://app.example.com/verify?t=${i}`, expiresInMinutes: 30 },
      category: 'security',
      idempotencyKey: `bench-${i}`,
    });
    sentAt.set(result.deliveries[0]?.id ?? '', started);
  };

  // Warm-up: JIT, prepared statements, the SendGrid client's keep-alive sockets.
  for (let i = 0; i < 50; i += 1) await sendOne(-1 - i);
  await services.bus.drain();
  if (DISPATCHERS > 0) await untilArrived([...sentAt.keys()]);
  sentAt.clear();

  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const i = next;
        next += 1;
        await sendOne(i);
      }
    }),
  );
  await services.bus.drain();
  const arrived = new Map(
    Object.entries(DISPATCHERS > 0 ? await untilArrived([...sentAt.keys()]) : await arrivals()),
  );
  const elapsed = performance.now() - t0;
  const latencies = [...sentAt].map(([id, at]) => (arrived.get(id) ?? Number.NaN) - at).sort((a, b) => a - b);
  const reached = latencies.filter((ms) => !Number.isNaN(ms)).length;
  // The provider driver alone (@sendgrid/mail to the same server), for where the time goes.
  const driver = createSendgridDriver({ apiKey: 'SG.bench', apiBase: baseUrl });
  const rendered = await services.delivery.preview(PRODUCT, 'verify-email');
  let sent = 0;
  const d0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < MESSAGES) {
        sent += 1;
        await driver.send({
          deliveryId: `driver-${sent}`,
          productId: PRODUCT,
          from: { email: 'bench@example.com' },
          to: { email: `driver-${sent}@example.com` },
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: {},
          categories: ['verify-email'],
          customArgs: { deliveryId: `driver-${sent}` },
        });
      }
    }),
  );
  const driverPerSecond = Math.round((MESSAGES / (performance.now() - d0)) * 1000);
  console.log(
    JSON.stringify({
      bench: 'delivery',
      messages: MESSAGES,
      elapsedMs: Math.round(elapsed),
      concurrency: CONCURRENCY,
      dispatcherProcesses: DISPATCHERS,
      reachedProvider: reached,
      emailsPerSecond: Math.round((reached / elapsed) * 1000),
      driverOnlyPerSecond: driverPerSecond,
      sendToProviderMs: {
        p50: Number(percentile(latencies, 50).toFixed(1)),
        p99: Number(percentile(latencies, 99).toFixed(1)),
      },
    }),
  );
  await services.jobRunner.stop();
  await services.bus.stop();
  await store.close();
  child.kill();
  for (const proc of dispatchers) proc.send('stop');
  rmSync(dir, { recursive: true, force: true });
};

await main();
