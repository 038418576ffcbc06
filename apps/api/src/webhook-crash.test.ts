import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import type { EventDoc } from '@bytelyst/events/event-doc';
import { WEBHOOK_CONTAINERS } from '@bytelyst/routers/modules/webhooks/containers';
import type { MessageDoc } from '@bytelyst/routers/modules/webhooks/repository';
import { verifyStandardWebhook } from '@bytelyst/routers/testing/standard-webhooks';
import {
  type Received,
  startWebhookReceiver,
  type WebhookReceiver,
} from '@bytelyst/routers/testing/webhook-receiver';
import { afterAll, describe, expect, it } from 'vitest';
import { type Child, exited, startChild, waitForLine } from './testing/child-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOTAL = 2000;
const KILL_AFTER_ACKS = 600;
const ENDPOINTS = 3;

const start = (dataDir: string, args: string[]): Child =>
  startChild(path.join(here, 'testing', 'webhook-crash-child.ts'), args, {
    cwd: path.join(here, '..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATA_DIR: dataDir,
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
      JOB_RUNNER_ENABLED: 'false',
      EVENT_CLAIM_TTL_MS: '2000',
      EVENT_POLL_INTERVAL_MS: '100',
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      // Claims on messages lapse after twice the timeout plus 5 s: 7 s.
      WEBHOOK_DELIVERY_TIMEOUT_MS: '1000',
    },
  });

/** Every flag.toggled event the store holds, paged through. */
const storedEvents = async (store: DocumentStore) => {
  const events = store.container<EventDoc>(CONTAINERS.events.name);
  const out: EventDoc[] = [];
  let continuation: string | null = null;
  do {
    const page = await events.query({
      where: { type: { eq: 'flag.toggled' } },
      limit: 500,
      ...(continuation ? { continuation } : {}),
    });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return out;
};

/** Requests by `webhook-id path`. */
const byMessage = (received: readonly Received[]) => {
  const out = new Map<string, Received[]>();
  for (const req of received) {
    const key = `${String(req.headers['webhook-id'])} ${req.path}`;
    out.set(key, [...(out.get(key) ?? []), req]);
  }
  return out;
};

describe('webhook delivery across a crash of the API process', () => {
  let dataDir = '';
  let receiver: WebhookReceiver | undefined;
  let store: DocumentStore | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const proc of children) {
      proc.kill('SIGKILL');
      await exited(proc);
    }
    await store?.close();
    await receiver?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every acknowledged event to every endpoint after a SIGKILL in the middle of the fan-out', async () => {
    receiver = await startWebhookReceiver();
    const r = receiver;
    dataDir = await mkdtemp(path.join(tmpdir(), 'webhook-crash-'));
    const first = start(dataDir, ['burst', String(TOTAL), r.url]);
    children.push(first.proc);
    const secrets = new Map<string, string>();
    for (let line = await first.next(); line !== 'ready'; line = await first.next()) {
      if (line === null) throw new Error(`burst child exited early: ${first.stderr.join('')}`);
      const [word, , hookPath, secret] = line.split(' ');
      if (word === 'endpoint' && hookPath && secret) secrets.set(hookPath, secret);
    }
    expect(secrets.size).toBe(ENDPOINTS);
    const acked: string[] = [];
    while (acked.length < KILL_AFTER_ACKS) {
      const line = await first.next();
      if (line === null) throw new Error(`burst child exited early: ${first.stderr.join('')}`);
      const [word, id] = line.split(' ');
      if (word === 'ack' && id) acked.push(id);
    }
    first.proc.kill('SIGKILL');
    await exited(first.proc);
    expect(first.proc.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeLessThan(TOTAL);
    const deliveredBeforeKill = byMessage(r.received).size;

    store = createSqliteStore({ path: path.join(dataDir, 'platform.db') });
    await store.init([CONTAINERS.events, WEBHOOK_CONTAINERS.webhookDeliveries]);
    const messages = store.container<MessageDoc>(WEBHOOK_CONTAINERS.webhookDeliveries.name);
    const persisted = await storedEvents(store);
    const notFannedOut = persisted.filter(
      (e) => e.deliveries['webhooks.fanout']?.status !== 'succeeded',
    ).length;
    const messagesBeforeKill = await messages.count();
    const unattempted = await messages.count({ where: { attemptCount: { eq: 0 } } });
    // The kill landed mid-way: messages were persisted but not attempted, or events not yet fanned out.
    expect(unattempted + notFannedOut).toBeGreaterThan(0);
    expect(deliveredBeforeKill).toBeGreaterThan(0);
    expect(deliveredBeforeKill).toBeLessThan(acked.length * ENDPOINTS);
    expect(persisted.length).toBeGreaterThanOrEqual(acked.length);

    const second = start(dataDir, []);
    children.push(second.proc);
    await waitForLine(second, 'ready');
    const wanted = acked.flatMap((id) => [...secrets.keys()].map((hookPath) => `${id} ${hookPath}`));
    const deadline = Date.now() + 90_000;
    let missing = wanted;
    let open = -1;
    while (Date.now() < deadline) {
      const seen = byMessage(r.received);
      missing = wanted.filter((key) => !seen.has(key));
      open = await messages.count({ where: { status: { in: ['pending', 'retrying'] } } });
      if (missing.length === 0 && open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(missing).toEqual([]);
    // Everything persisted was settled too (not only what was acknowledged).
    expect(open).toBe(0);

    const seen = byMessage(r.received);
    const knownIds = new Set(persisted.map((e) => e.id));
    let duplicates = 0;
    for (const [key, copies] of seen) {
      const [id = '', hookPath = ''] = key.split(' ');
      expect(knownIds.has(id), key).toBe(true);
      // A duplicate is the same message: same webhook-id, same body, signed by the endpoint's secret.
      for (const copy of copies) {
        expect(copy.body).toBe(copies[0]?.body);
        expect(verifyStandardWebhook(secrets.get(hookPath) ?? '', copy)).toMatchObject({
          type: 'flag.toggled',
        });
      }
      duplicates += copies.length - 1;
    }
    console.info(
      `webhook crash: ${acked.length} events acknowledged of ${TOTAL}, ${persisted.length} persisted before the kill ` +
        `(${notFannedOut} not yet fanned out); ${messagesBeforeKill} messages persisted, ${unattempted} not yet ` +
        `attempted; ${deliveredBeforeKill} delivered before the kill; after the restart ${seen.size} messages ` +
        `delivered in ${r.received.length} requests: ${duplicates} duplicates, each with its webhook-id`,
    );
    second.proc.kill('SIGTERM');
    await exited(second.proc);
  }, 180_000);
});
