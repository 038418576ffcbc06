import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, triggerJob } from '../../testing/billing';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { readSeed, SEED_KEYS, type SeedKey, seedDoc } from '../../testing/retention';
import { createCleanup } from './cleanup';
import { createRetentionRepository } from './repository';
import { RETENTION_BOUNDS } from './schema';
import { createSweeper } from './sweeper';

const DAY = 24 * 60 * 60_000;

/**
 * The cleanup on a real store (sqlite, or the Cosmos-compatible server with ROUTERS_TEST_DRIVER=cosmos), with
 * the harness clock: documents are seeded by age, and after a run exactly those past their container's days,
 * settled, of the product whose policy it is and of no held user are gone.
 */
describe('retention cleanup', () => {
  let h: TestHarness;
  const ages = (key: SeedKey) => {
    const days = RETENTION_BOUNDS[key].defaultDays;
    return { old: days + 2, young: days - 1 };
  };

  beforeAll(async () => {
    h = await createTestHarness();
    const root = await h.root();
    for (const id of ['agedco', 'longco', 'holdco', 'pinco', 'crashco']) {
      await root.caller.products.create({ id, name: id, description: '', status: 'active' });
    }
  });
  afterAll(async () => h?.close());

  const runOf = async (jobRunId: string) => {
    const runs = await h.services.retention.listRuns('agedco', { limit: 100 });
    return runs.items.find((run) => run.jobRunId === jobRunId);
  };

  it('removes only settled documents past their days, per product, and records the run', async () => {
    const seeded: Record<string, Awaited<ReturnType<typeof seedDoc>>> = {};
    for (const key of SEED_KEYS) {
      const { old, young } = ages(key);
      seeded[`${key}.old`] = await seedDoc(h, key, { id: `${key}-old`, productId: 'agedco', ageDays: old });
      seeded[`${key}.young`] = await seedDoc(h, key, {
        id: `${key}-young`,
        productId: 'agedco',
        ageDays: young,
      });
      // Another product that keeps everything longer: its audit log 10 years, the rest at the TTL anyway.
      seeded[`${key}.long`] = await seedDoc(h, key, { id: `${key}-long`, productId: 'longco', ageDays: old });
    }
    // Still being worked on by their modules, whatever their age.
    const busy = [
      await seedDoc(h, 'delivery_log', {
        id: 'mail-queued',
        productId: 'agedco',
        ageDays: 200,
        status: 'queued',
      }),
      await seedDoc(h, 'webhook_deliveries', {
        id: 'hook-retrying',
        productId: 'agedco',
        ageDays: 60,
        status: 'retrying',
      }),
      await seedDoc(h, 'job_runs', {
        id: 'run-running',
        productId: 'agedco',
        ageDays: 200,
        status: 'running',
      }),
      await seedDoc(h, 'events', {
        id: 'event-pending',
        productId: 'agedco',
        ageDays: 60,
        status: 'pending',
      }),
    ];
    const superAdmin = await h.signIn(['super_admin'], { productId: 'longco' });
    await superAdmin.caller.retention.setPolicy({ container: 'audit_log', days: 3650 });

    const before = await h.services.retention.preview('agedco');
    for (const item of before.items) {
      expect(item.wouldRemove, item.container).toBe(item.container === 'export_files' ? 0 : 1);
    }

    const job = await triggerJob(h, 'retention-cleanup');
    expect(job.status, job.error ?? '').toBe('succeeded');
    for (const key of SEED_KEYS) {
      expect(await readSeed(h, key, seeded[`${key}.old`] as never), `${key} old`).toBeUndefined();
      expect(await readSeed(h, key, seeded[`${key}.young`] as never), `${key} young`).toBeDefined();
    }
    expect(await readSeed(h, 'audit_log', seeded['audit_log.long'] as never)).toBeDefined();
    // longco keeps the defaults elsewhere, so its old documents there went too.
    expect(await readSeed(h, 'events', seeded['events.long'] as never)).toBeUndefined();
    for (const [i, key] of (
      ['delivery_log', 'webhook_deliveries', 'job_runs', 'events'] as const
    ).entries()) {
      expect(await readSeed(h, key, busy[i] as never), key).toBeDefined();
    }

    const run = await runOf(job.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      removed: Object.fromEntries(SEED_KEYS.map((key) => [key, 1])),
      exempt: {},
    });
    expect(run?.totalRemoved).toBeGreaterThanOrEqual(SEED_KEYS.length * 2 - 1);
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
    expect(run?.progress.done).toBe(run?.progress.total);
    const finished = (await eventsOf(h, 'retention.run_finished', '*')).at(-1);
    expect(finished?.data).toMatchObject({ runId: run?.id, status: 'succeeded' });
    expect((await h.services.retention.preview('agedco')).items.every((i) => i.wouldRemove === 0)).toBe(true);
  });

  it('keeps a held user’s documents until the hold is released', async () => {
    const admin = await h.signIn(['admin'], { productId: 'holdco' });
    const held = await h.services.users.create('holdco', {
      email: 'held@example.com',
      name: 'Held',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    const free = await h.services.users.create('holdco', {
      email: 'free@example.com',
      name: 'Free',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    type Seeded = [SeedKey, Awaited<ReturnType<typeof seedDoc>>][];
    const docs: { held: Seeded; free: Seeded } = { held: [], free: [] };
    for (const key of SEED_KEYS) {
      for (const [who, user] of [
        ['held', held],
        ['free', free],
      ] as const) {
        const doc = await seedDoc(h, key, {
          id: `${key}-${who}`,
          productId: 'holdco',
          ageDays: ages(key).old,
          userId: user.id,
        });
        docs[who].push([key, doc]);
      }
    }
    const hold = await admin.caller.retention.createHold({ email: 'held@example.com', reason: 'Case 42' });
    expect(hold).toMatchObject({ userId: held.id, status: 'active', createdBy: admin.user.id });
    await h.services.jobRunner.whenIdle();

    const preview = await admin.caller.retention.preview();
    for (const key of SEED_KEYS) {
      expect(
        preview.items.find((i) => i.container === key),
        key,
      ).toMatchObject({ wouldRemove: 1, exempt: 1 });
    }

    const first = await triggerJob(h, 'retention-cleanup');
    for (const [key, doc] of docs.held) expect(await readSeed(h, key, doc), `held ${key}`).toBeDefined();
    for (const [key, doc] of docs.free) expect(await readSeed(h, key, doc), `free ${key}`).toBeUndefined();
    const run = (await admin.caller.retention.listRuns()).items.find((r) => r.jobRunId === first.id);
    expect(run?.exempt).toEqual(Object.fromEntries(SEED_KEYS.map((key) => [key, 1])));

    await admin.caller.retention.releaseHold({ id: hold.id });
    await triggerJob(h, 'retention-cleanup');
    for (const [key, doc] of docs.held)
      expect(await readSeed(h, key, doc), `released ${key}`).toBeUndefined();
    const listed = await admin.caller.retention.listHolds({ status: 'released' });
    expect(listed.items.map((i) => [i.id, i.releasedBy])).toEqual([[hold.id, admin.user.id]]);
  });

  it('pins a held user’s documents so their TTL cannot take them', async () => {
    const admin = await h.signIn(['admin'], { productId: 'pinco' });
    const users = await Promise.all(
      ['pinned', 'unpinned'].map((name) =>
        h.services.users.create('pinco', {
          email: `${name}@example.com`,
          name,
          password: 'correct-horse-battery',
          roles: ['user'],
        }),
      ),
    );
    const keys: SeedKey[] = ['webhook_deliveries', 'events', 'telemetry_events', 'delivery_log'];
    const seeded = [];
    for (const key of keys) {
      for (const user of users) {
        seeded.push({
          key,
          user: user.id,
          doc: await seedDoc(h, key, {
            id: `${key}-${user.email}`,
            productId: 'pinco',
            ageDays: 0,
            userId: user.id,
          }),
        });
      }
    }
    const hold = await admin.caller.retention.createHold({ userId: users[0]?.id ?? '', reason: 'Audit' });
    await h.services.jobRunner.whenIdle();
    // Each container's TTL (at most 90 days here) has passed for everything written above.
    h.advance(91 * DAY);
    for (const { key, user, doc } of seeded) {
      const now = await readSeed(h, key, doc);
      if (user === users[0]?.id) expect(now?.ttl, `${key} pinned`).toBe(-1);
      else expect(now, `${key} expired`).toBeUndefined();
    }
    await admin.caller.retention.releaseHold({ id: hold.id });
    await triggerJob(h, 'retention-cleanup');
    for (const { key, doc } of seeded) expect(await readSeed(h, key, doc), key).toBeUndefined();
  });

  it('leaves nothing half-done when a run stops, and the next run takes over', async () => {
    const repo = createRetentionRepository(h.store);
    const user = await h.services.users.create('crashco', {
      email: 'crash-held@example.com',
      name: 'Held',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    await h.services.retention.createHold(
      'crashco',
      { userId: user.id, reason: 'Kept' },
      { id: 'root', email: 'r@x' },
    );
    await h.services.jobRunner.whenIdle();
    const old = [];
    for (let i = 0; i < 35; i += 1) {
      old.push(
        await seedDoc(h, 'audit_log', {
          id: `crash-old-${String(i).padStart(2, '0')}`,
          productId: 'crashco',
          ageDays: 400 + (i % 7),
          ...(i % 10 === 0 ? { userId: user.id } : {}),
        }),
      );
    }
    const young = await seedDoc(h, 'audit_log', { id: 'crash-young', productId: 'crashco', ageDays: 10 });

    // The run stops after its third page, as a timeout or a shutdown would stop it.
    const stop = new AbortController();
    let pages = 0;
    const cleanup = createCleanup({
      repo,
      sweeper: createSweeper({ store: h.store, blob: h.services.blob, bus: h.services.bus }),
      clock: h.clock,
      bus: h.services.bus,
      products: async () => ['crashco'],
      days: h.services.retention.policies.days,
      heldUsers: async () => {
        pages += 1;
        if (pages === 3) stop.abort();
        return h.services.retention.heldUsers();
      },
      pageSize: 10,
    });
    await expect(
      cleanup.run({ jobRunId: 'stopped-run', trigger: 'manual', signal: stop.signal, log: () => undefined }),
    ).rejects.toThrow(/stopped/);
    const stopped = await repo.runs.byJobRun('stopped-run');
    expect(stopped).toMatchObject({ status: 'interrupted', error: 'The run was stopped' });
    const removedSoFar = stopped?.removed.crashco?.audit_log ?? 0;
    expect(removedSoFar).toBe(27);
    const left = await Promise.all(old.map((doc) => readSeed(h, 'audit_log', doc)));
    expect(left.filter(Boolean)).toHaveLength(35 - removedSoFar);
    expect(await readSeed(h, 'audit_log', young)).toBeDefined();

    // A run whose instance died leaves its record `running`; the next one marks it and carries on.
    const dead = await repo.runs.create({
      ...(stopped as NonNullable<typeof stopped>),
      id: 'rrun_dead',
      jobRunId: 'dead',
      status: 'running',
    });
    const job = await triggerJob(h, 'retention-cleanup');
    expect((await repo.runs.get(dead.id))?.status).toBe('interrupted');
    const next = await repo.runs.byJobRun(job.id);
    expect(next).toMatchObject({ status: 'succeeded', resumedFrom: dead.id });
    expect(next?.removed.crashco?.audit_log).toBe(35 - 4 - removedSoFar);
    const kept = await Promise.all(old.map((doc) => readSeed(h, 'audit_log', doc)));
    expect(kept.filter(Boolean).map((doc) => doc?.id)).toEqual([
      'crash-old-00',
      'crash-old-10',
      'crash-old-20',
      'crash-old-30',
    ]);
    expect(await readSeed(h, 'audit_log', young)).toBeDefined();
  });
});
