import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTAINERS } from '@bytelyst/db/containers';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import type { EventDoc } from '@bytelyst/events/event-doc';
import { AUDIT_CONTAINERS } from '@bytelyst/routers/modules/audit/containers';
import { afterAll, describe, expect, it } from 'vitest';
import { RECEIPT_SUBSCRIBERS, RECEIPTS } from './testing/bus-crash-child';
import { type Child, exited, startChild, waitForLine } from './testing/child-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOTAL = 10_000;
const KILL_AFTER_ACKS = 3000;

const start = (dataDir: string, args: string[]): Child =>
  startChild(path.join(here, 'testing', 'bus-crash-child.ts'), args, {
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
    },
  });

const waitFor = waitForLine;

describe('event bus across a crash of the API process', () => {
  let dataDir = '';
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const proc of children) {
      proc.kill('SIGKILL');
      await exited(proc);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every acknowledged event to every subscriber after a SIGKILL in the middle of a burst', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bus-crash-'));
    const first = start(dataDir, ['burst', String(TOTAL)]);
    children.push(first.proc);
    await waitFor(first, 'ready');
    const acked: { productId: string; id: string }[] = [];
    while (acked.length < KILL_AFTER_ACKS) {
      const line = await first.next();
      if (line === null) throw new Error(`burst child exited early: ${first.stderr.join('')}`);
      const [word, productId, id] = line.split(' ');
      if (word === 'ack' && productId && id) acked.push({ productId, id });
    }
    first.proc.kill('SIGKILL');
    await exited(first.proc);
    expect(first.proc.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.length).toBeLessThan(TOTAL);

    const store = createSqliteStore({ path: path.join(dataDir, 'platform.db') });
    await store.init([CONTAINERS.events, CONTAINERS.eventQueue, AUDIT_CONTAINERS.auditLog, RECEIPTS]);
    const events = store.container<EventDoc>(CONTAINERS.events.name);
    // The burst's events; start-up emits others of its own (a migration applied, say).
    const burst = { type: { eq: 'admin.action' } } as const;
    const persisted = await events.count({ where: burst });
    const undelivered =
      persisted - (await events.count({ where: { ...burst, status: { eq: 'delivered' } } }));
    // The kill landed mid-burst: events were persisted but not yet delivered.
    expect(undelivered).toBeGreaterThan(0);

    const second = start(dataDir, []);
    children.push(second.proc);
    await waitFor(second, 'ready');
    const deadline = Date.now() + 90_000;
    let open = persisted;
    while (Date.now() < deadline) {
      open = await events.count({ where: { status: { ne: 'delivered' } } });
      const queued = await store.container(CONTAINERS.eventQueue.name).count();
      if (open === 0 && queued === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(open).toBe(0);

    const audit = store.container(AUDIT_CONTAINERS.auditLog.name);
    const receipts = store.container(RECEIPTS.name);
    const missing: string[] = [];
    for (const { productId, id } of acked) {
      if (!(await audit.read(id, productId))) missing.push(`audit:${id}`);
      for (const name of RECEIPT_SUBSCRIBERS)
        if (!(await receipts.read(id, name))) missing.push(`${name}:${id}`);
    }
    expect(missing).toEqual([]);
    // Nothing beyond what was persisted was delivered, and everything persisted was delivered to all three.
    for (const name of RECEIPT_SUBSCRIBERS) {
      expect(await receipts.count({ partitionKey: name })).toBe(persisted);
    }
    expect(await audit.count({ where: { action: { eq: 'test.burst' } } })).toBe(persisted);
    await store.close();
    second.proc.kill('SIGTERM');
    await exited(second.proc);
  }, 180_000);
});
