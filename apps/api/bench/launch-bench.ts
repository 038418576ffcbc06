/**
 * `pnpm --filter @bytelyst/api bench` (launch): the calls a client app makes on every launch, as one sequence
 * against the real server (sqlite in a temp folder, listening on 127.0.0.1): what's new since its version
 * (`GET /v1/changelog?since=&platform=`), its strings (`GET /v1/i18n/{locale}?ns=`), its theme
 * (`GET /v1/themes/current?platform=`) and the kill switch (`GET /v1/settings/kill-switch`). Two runs: a first
 * launch (no validators, every answer a 200 with its body) and a usual launch (`If-None-Match` with the ETags
 * the first launch got: 304s without bodies; the kill switch has no ETag and answers 200 both times). Prints
 * requests and launches per second, p99, bytes per launch and the server's CPU time per request, and the ratio.
 * Reports only; never fails on a figure.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50).
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ENTRIES = 60;
const KEYS = 400;

type Load = {
  rps: number;
  total: number;
  p99: number;
  bytes: number;
  errors: number;
  statuses: Record<string, number>;
  cpuUs: number;
};

const load = async (origin: string, requests: unknown[]): Promise<Load> => {
  const before = process.cpuUsage();
  const child = fork(new URL('./launch-load-child.mjs', import.meta.url), [
    JSON.stringify({ origin, requests, connections: CONNECTIONS, duration: SECONDS }),
  ]);
  const result = await new Promise<Omit<Load, 'cpuUs'>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as never));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
  });
  const cpu = process.cpuUsage(before);
  return { ...result, cpuUs: (cpu.user + cpu.system) / Math.max(1, result.total) };
};

/** A product with a changelog, strings in three locales and a published theme, written through the services. */
const seed = async (base: Awaited<ReturnType<typeof createTestServer>>, actorId: string) => {
  const productId = base.env.DEFAULT_PRODUCT_ID;
  const { changelog, i18n, themes } = base.services;
  for (let minor = 0; minor < ENTRIES; minor += 1) {
    const entry = await changelog.create(
      productId,
      {
        version: `1.${minor}.0`,
        title: `Release 1.${minor}`,
        body: `## What changed\n\n- Faster sync (${minor})\n- A **new** setting`,
        category: minor % 3 === 0 ? 'feature' : 'improvement',
        platforms: ['ios', 'android'],
      },
      actorId,
    );
    await changelog.publish(productId, { id: entry.id }, actorId);
  }
  for (const locale of ['de', 'de-AT']) await i18n.addLocale(productId, locale, actorId);
  for (let k = 0; k < KEYS; k += 1) {
    const key = `${k % 4 === 0 ? 'settings' : 'app'}.string${k}`;
    await i18n.upsert(
      productId,
      { key, locale: 'en', message: `{count, plural, one {# item} other {# items}} ${k}` },
      actorId,
    );
    await i18n.upsert(
      productId,
      { key, locale: 'de', message: `{count, plural, one {# Eintrag} other {# Einträge}} ${k}` },
      actorId,
    );
    if (k % 10 === 0)
      await i18n.upsert(productId, { key, locale: 'de-AT', message: `Österreich ${k}` }, actorId);
  }
  const draft = await themes.get(productId);
  const tokens = structuredClone(draft.draft);
  tokens.colors.light.primary = '#0f766e';
  await themes.setDraft(productId, tokens, actorId);
  await themes.publish(productId, 'bench', actorId);
};

runBench(async () => {
  const base = await createTestServer();
  const admin = await base.services.users.findByEmail(base.env.DEFAULT_PRODUCT_ID, base.admin.email);
  if (!admin) throw new Error('the bootstrap admin is missing');
  await seed(base, admin.id);
  await base.app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(base.app.server.address() as AddressInfo).port}`;

  const paths = [
    '/v1/changelog?since=1.40.0&platform=ios',
    '/v1/i18n/de-AT?ns=app',
    '/v1/themes/current?platform=ios',
    '/v1/settings/kill-switch?appVersion=1.59.0',
  ];
  const etags: (string | null)[] = [];
  let launchBytes = 0;
  for (const path of paths) {
    const res = await fetch(origin + path);
    const body = await res.arrayBuffer();
    if (res.status !== 200)
      throw new Error(`${path} answered ${res.status}: ${Buffer.from(body).toString()}`);
    etags.push(res.headers.get('etag'));
    launchBytes += body.byteLength;
  }
  const first = paths.map((path) => ({ method: 'GET', path }));
  const usual = paths.map((path, i) => {
    const etag = etags[i];
    return { method: 'GET', path, ...(etag ? { headers: { 'if-none-match': etag } } : {}) };
  });

  process.stdout.write(
    `launch sequence: ${paths.length} calls (${etags.filter(Boolean).length} with an ETag), ` +
      `${(launchBytes / 1024).toFixed(1)} KiB of bodies on a first launch; ${CONNECTIONS} connections, ${SECONDS} s each\n`,
  );
  const rows: [string, Load][] = [
    ['first launch (no validators)', await load(origin, first)],
    ['usual launch (If-None-Match)', await load(origin, usual)],
  ];
  for (const [name, r] of rows) {
    const statuses = Object.entries(r.statuses)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ');
    process.stdout.write(
      `${name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} req/s  ${(r.rps / paths.length).toFixed(0).padStart(5)} launches/s` +
        `  p99 ${String(r.p99).padStart(4)} ms  ${(r.bytes / Math.max(1, r.total / paths.length) / 1024).toFixed(1)} KiB/launch` +
        `  server CPU ${r.cpuUs.toFixed(0)} µs/req  errors ${r.errors}  [${statuses}]\n`,
    );
  }
  const [, a] = rows[0] as [string, Load];
  const [, b] = rows[1] as [string, Load];
  process.stdout.write(
    `ratio usual/first: ${(b.rps / a.rps).toFixed(2)}× requests per second, ` +
      `${(a.bytes / a.total / (b.bytes / b.total)).toFixed(1)}× fewer bytes per request\n`,
  );
  await base.close();
});
