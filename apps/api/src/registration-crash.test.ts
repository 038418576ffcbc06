/**
 * A state change and the event it reports commit together: registrations sent through REST while the real
 * API process (main.ts) is SIGKILLed at many points of a burst. After a final restart every user has exactly
 * one user.created event, delivered, and the subscription that event promises; every acknowledged
 * registration is among them. The welcome mail each registration triggers goes through the same crashes
 * (persisted, then sent to a loopback SendGrid): every user has exactly one welcome entry in the delivery log,
 * sent, and SendGrid received it (at least once: a kill between SendGrid's 202 and the log's update resends).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTAINERS } from '@bytelyst/db/containers';
import type { Page } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import type { EventDoc } from '@bytelyst/events/event-doc';
import { BILLING_CONTAINERS } from '@bytelyst/routers/modules/billing/containers';
import { DELIVERY_CONTAINERS } from '@bytelyst/routers/modules/delivery/containers';
import { USERS_CONTAINERS } from '@bytelyst/routers/modules/users/containers';
import { startFakeSendgrid } from '@bytelyst/routers/testing/fake-sendgrid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApi, type Child, exited, freePort, startChild } from './testing/child-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const KILL_POINTS = 20;
const IN_FLIGHT = 6;
const PRODUCT = 'bytelyst';

type UserLike = { id: string; kind: string; email?: string };

const startApi = (bundle: string, dataDir: string, port: number, sendgridBase: string): Child =>
  startChild(path.join(bundle, 'main.js'), [], {
    cwd: path.join(here, '..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
      BOOTSTRAP_ADMIN_EMAIL: 'crash-admin@bytelyst.test',
      BOOTSTRAP_ADMIN_PASSWORD: 'crash-admin-password-123',
      JOB_RUNNER_ENABLED: 'false',
      EVENT_CLAIM_TTL_MS: '2000',
      EVENT_POLL_INTERVAL_MS: '100',
      EMAIL_DRIVER: 'sendgrid',
      SENDGRID_API_KEY: 'SG.crash-test',
      SENDGRID_API_BASE: sendgridBase,
      DELIVERY_QUIET_HOURS: 'off',
    },
  });

const untilReady = async (child: Child, base: string) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`API exited: ${child.stderr.join('')}`);
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`API not ready: ${child.stderr.join('')}`);
};

/** Every item of a paged query. */
const everything = async <T>(
  query: (cursor: { continuation?: string }) => Promise<Page<T>>,
): Promise<T[]> => {
  const out: T[] = [];
  let continuation: string | undefined;
  do {
    const page = await query(continuation ? { continuation } : {});
    out.push(...page.items);
    continuation = page.continuation ?? undefined;
  } while (continuation);
  return out;
};

describe('registrations across crashes of the API process', () => {
  let dataDir = '';
  let bundle = '';
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>;
  beforeAll(async () => {
    bundle = await bundleApi();
    sendgrid = await startFakeSendgrid({ apiKey: 'SG.crash-test' });
  });
  const children: Child[] = [];
  afterAll(async () => {
    for (const child of children) {
      child.proc.kill('SIGKILL');
      await exited(child.proc);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (bundle) await rm(bundle, { recursive: true, force: true });
    await sendgrid?.close();
  });

  it(`keeps every user with its user.created event, subscription and welcome mail through ${KILL_POINTS} SIGKILLs`, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'registration-crash-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const acknowledged: string[] = [];
    let interrupted = 0;
    let sent = 0;

    for (let point = 0; point < KILL_POINTS; point += 1) {
      const api = startApi(bundle, dataDir, port, sendgrid.baseUrl);
      children.push(api);
      await untilReady(api, base);
      let killed = false;
      let roundAcks = 0;
      let wake = () => {};
      const register = async (): Promise<void> => {
        while (!killed) {
          sent += 1;
          const email = `crash-${point}-${sent}@bytelyst.test`;
          try {
            const response = await fetch(`${base}/v1/auth/register`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-product-id': PRODUCT },
              body: JSON.stringify({ email, password: 'crash-password-123', name: `Crash ${sent}` }),
            });
            if (response.status !== 200) throw new Error(`register answered ${response.status}`);
            acknowledged.push(email);
            roundAcks += 1;
            wake();
          } catch (error) {
            if (!killed) throw error;
            interrupted += 1;
          }
        }
      };
      const burst = Promise.all(Array.from({ length: IN_FLIGHT }, register));
      // Kill points spread over the burst whatever the machine's speed: after 0 to 3 acknowledgements, then
      // 0 to 140 ms more, so kills land before, inside and between the commits of the requests in flight.
      while (roundAcks < point % 4) await new Promise<void>((resolve) => (wake = resolve));
      await new Promise((resolve) => setTimeout(resolve, (point * 37) % 150));
      killed = true;
      api.proc.kill('SIGKILL');
      await exited(api.proc);
      await burst;
      expect(api.proc.signalCode).toBe('SIGKILL');
    }
    // Requests were in flight when the process died (their outcome unknown to the client), and many got through.
    expect(interrupted).toBeGreaterThanOrEqual(KILL_POINTS);
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    const last = startApi(bundle, dataDir, port, sendgrid.baseUrl);
    children.push(last);
    await untilReady(last, base);
    const store = createSqliteStore({ path: path.join(dataDir, 'platform.db') });
    await store.init([
      USERS_CONTAINERS.users,
      BILLING_CONTAINERS.subscriptions,
      CONTAINERS.events,
      DELIVERY_CONTAINERS.deliveryLog,
    ]);
    const events = store.container<EventDoc>(CONTAINERS.events.name);
    const deadline = Date.now() + 60_000;
    let open = -1;
    while (Date.now() < deadline) {
      open = await events.count({ where: { status: { ne: 'delivered' } } });
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(open).toBe(0);

    const users = await everything((c) =>
      store
        .container<UserLike>(USERS_CONTAINERS.users.name)
        .query({ partitionKey: PRODUCT, where: { kind: { eq: 'user' } }, limit: 1000, ...c }),
    );
    const created = await everything((c) =>
      events.query({ partitionKey: PRODUCT, where: { type: { eq: 'user.created' } }, limit: 1000, ...c }),
    );
    const subscriptions = await everything((c) =>
      store
        .container<{ id: string; userId: string }>(BILLING_CONTAINERS.subscriptions.name)
        .query({ partitionKey: PRODUCT, limit: 1000, ...c }),
    );
    const subscribed = new Set(subscriptions.map((s) => s.userId));
    const welcomes = await everything((c) =>
      store
        .container<{ id: string; userId: string; to: string; status: string }>(
          DELIVERY_CONTAINERS.deliveryLog.name,
        )
        .query({ where: { template: { eq: 'welcome' } }, limit: 1000, ...c }),
    );
    await store.close();

    const emails = new Set(users.map((u) => u.email));
    expect(acknowledged.filter((email) => !emails.has(email))).toEqual([]);
    const eventsPerUser = new Map<string, number>();
    for (const event of created) {
      const userId = String(event.data.userId);
      eventsPerUser.set(userId, (eventsPerUser.get(userId) ?? 0) + 1);
    }
    // The bootstrap admin and every registration that committed, acknowledged or not.
    expect(users.length).toBeGreaterThan(acknowledged.length);
    expect(users.filter((u) => eventsPerUser.get(u.id) !== 1).map((u) => u.email)).toEqual([]);
    expect(created.length).toBe(users.length);
    expect(users.filter((u) => !subscribed.has(u.id)).map((u) => u.email)).toEqual([]);

    const welcomesPerUser = new Map<string, string[]>();
    for (const entry of welcomes) {
      welcomesPerUser.set(entry.userId, [...(welcomesPerUser.get(entry.userId) ?? []), entry.status]);
    }
    expect(users.filter((u) => welcomesPerUser.get(u.id)?.join() !== 'sent').map((u) => u.email)).toEqual([]);
    const mailed = new Set(
      sendgrid.requests.map(
        (r) =>
          (r.body as { personalizations: { to: { email: string }[] }[] }).personalizations[0]?.to[0]?.email,
      ),
    );
    expect(users.filter((u) => !mailed.has(u.email)).map((u) => u.email)).toEqual([]);
  }, 600_000);
});
