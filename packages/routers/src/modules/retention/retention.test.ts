import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, triggerJob } from '../../testing/billing';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';
import { readSeed, seedDoc } from '../../testing/retention';
import { clientEvent } from '../../testing/telemetry';
import type { TUser } from '../users/schema';
import { RETENTION_CONTAINERS } from './schema';

const DAY = 24 * 60 * 60_000;

/** Policies, holds and the REST face as admins use them, and the other modules' cleanups under a hold. */
describe('retention policies and legal holds', () => {
  let h: TestHarness;
  let superAdmin: Awaited<ReturnType<TestHarness['signIn']>>;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let target: TUser;

  beforeAll(async () => {
    h = await createTestHarness();
    superAdmin = await h.signIn(['super_admin']);
    admin = await h.signIn(['admin']);
    target = await h.services.users.create('platform', {
      email: 'subject@example.com',
      name: 'Subject',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
  });
  afterAll(async () => h?.close());

  it('lists every container with the defaults of §2.23, its bounds and the next run', async () => {
    const list = await admin.caller.retention.listPolicies();
    expect(list.items.map((p) => p.container)).toEqual([...RETENTION_CONTAINERS]);
    expect(Object.fromEntries(list.items.map((p) => [p.container, p.days]))).toEqual({
      audit_log: 365,
      telemetry_events: 30,
      sessions: 90,
      export_files: 7,
      delivery_log: 90,
      webhook_deliveries: 30,
      job_runs: 90,
      events: 30,
    });
    expect(list.items.find((p) => p.container === 'audit_log')).toMatchObject({
      ttlDays: null,
      mode: 'sweep',
      userFields: ['actorId', 'targetId'],
    });
    expect(list.items.find((p) => p.container === 'webhook_deliveries')).toMatchObject({
      ttlDays: 30,
      mode: 'ttl',
    });
    expect(list.schedule).toMatchObject({
      job: 'retention-cleanup',
      cron: '30 2 * * *',
      nextRunAt: '2026-06-02T02:30:00.000Z',
      paused: false,
    });
    expect(list.lastRun).toBeNull();
  });

  it('lets only a super_admin change a policy, within bounds, audited with its event', async () => {
    const refused = await trpcErrorOf(() =>
      admin.caller.retention.setPolicy({ container: 'audit_log', days: 400 }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(
      await expectFieldError(
        () => superAdmin.caller.retention.setPolicy({ container: 'audit_log', days: 30 }),
        'days',
      ),
    ).toBe('Audit log keeps documents between 90 and 3650 days');
    await expectFieldError(
      () => superAdmin.caller.retention.setPolicy({ container: 'webhook_deliveries', days: 31 }),
      'days',
    );
    await expectFieldError(
      () => superAdmin.caller.retention.setPolicy({ container: 'nope' as never, days: 30 }),
      'container',
    );

    const list = await superAdmin.caller.retention.setPolicy({ container: 'webhook_deliveries', days: 14 });
    expect(list.items.find((p) => p.container === 'webhook_deliveries')).toMatchObject({
      days: 14,
      mode: 'sweep',
      updatedBy: superAdmin.user.id,
    });
    await h.services.bus.drain();
    expect((await eventsOf(h, 'retention.policy_updated')).map((e) => e.data)).toEqual([
      { container: 'webhook_deliveries', days: 14, previousDays: 30 },
    ]);
    const audit = await admin.caller.audit.list({ action: 'retention.setPolicy' });
    expect(audit.items.map((e) => [e.actorId, e.targetType, e.details])).toEqual([
      [superAdmin.user.id, 'retention_policy', { container: 'webhook_deliveries', days: 14 }],
    ]);
  });

  it('answers on the REST face with the contract’s paths and field errors', async () => {
    const rest = restCaller(h);
    const bearer = superAdmin.auth.accessToken;
    const bad = await rest('PUT', '/retention/policies/sessions', { bearer, body: { days: 7 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"days"');
    const ok = await rest('PUT', '/retention/policies/sessions', { bearer, body: { days: 60 } });
    expect(ok.status).toBe(200);
    const preview = await rest('POST', '/retention/preview', { bearer: admin.auth.accessToken, body: {} });
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { items: unknown[] }).items).toHaveLength(8);
    expect((await rest('GET', '/retention/holds')).status).toBe(401);
  });

  it('places holds by user id or email, refuses unknown users and double releases', async () => {
    await expectFieldError(
      () => admin.caller.retention.createHold({ email: 'nobody@example.com', reason: 'Case 1' }),
      'email',
    );
    await expectFieldError(
      () => admin.caller.retention.createHold({ userId: 'usr_none', reason: 'Case 1' }),
      'userId',
    );
    await expectFieldError(() => admin.caller.retention.createHold({ reason: 'Case 1' }), 'userId');
    await expectFieldError(
      () => admin.caller.retention.createHold({ userId: target.id, reason: '' }),
      'reason',
    );

    const hold = await admin.caller.retention.createHold({ userId: target.id, reason: 'Litigation 7' });
    expect(hold).toMatchObject({ userEmail: 'subject@example.com', status: 'active', releasedAt: null });
    const second = await admin.caller.retention.createHold({
      email: 'subject@example.com',
      reason: 'Audit 2',
    });
    await h.services.jobRunner.whenIdle();
    const released = await admin.caller.retention.releaseHold({ id: hold.id });
    expect(released).toMatchObject({ status: 'released', releasedBy: admin.user.id });
    expect((await trpcErrorOf(() => admin.caller.retention.releaseHold({ id: hold.id }))).code).toBe(
      'CONFLICT',
    );
    expect((await h.services.retention.heldUsers()).has('platform', target.id)).toBe(true);
    const active = await admin.caller.retention.listHolds({ status: 'active' });
    expect(active.items.map((i) => i.id)).toEqual([second.id]);
    await h.services.bus.drain();
    expect((await eventsOf(h, 'retention.hold_released')).map((e) => e.data)).toEqual([
      { holdId: hold.id, userId: target.id, otherActiveHolds: 1 },
    ]);
    expect((await eventsOf(h, 'retention.hold_placed')).map((e) => e.data.holdId).sort()).toEqual(
      [hold.id, second.id].sort(),
    );
  });

  it('the telemetry sweep and the stale-session cleanup leave a held user alone', async () => {
    const other = await h.services.users.create('platform', {
      email: 'other@example.com',
      name: 'Other',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    const anon = await h.anonymous();
    await anon.telemetry.ingest({
      events: [
        clientEvent(h, { name: 'kept', userId: target.id }),
        clientEvent(h, { name: 'gone', userId: other.id }),
      ],
    });
    const sessions = [target, other].map((user) =>
      seedDoc(h, 'sessions', { id: `ended-${user.id}`, productId: 'platform', ageDays: 10, userId: user.id }),
    );
    const [heldSession, otherSession] = await Promise.all(sessions);
    h.advance(10 * DAY);
    await admin.caller.telemetry.policy.update({ retentionDays: 7 });

    expect((await triggerJob(h, 'telemetry-ttl-sweep')).status).toBe('succeeded');
    expect((await admin.caller.telemetry.events.list({ name: 'kept' })).items).toHaveLength(1);
    expect((await admin.caller.telemetry.events.list({ name: 'gone' })).items).toHaveLength(0);
    expect((await triggerJob(h, 'stale-session-cleanup')).status).toBe('succeeded');
    expect(await readSeed(h, 'sessions', heldSession as never)).toBeDefined();
    expect(await readSeed(h, 'sessions', otherSession as never)).toBeUndefined();
  });

  it('applies a shorter export-files policy, except to files a held user requested', async () => {
    const requester = await h.signIn(['admin']);
    await superAdmin.caller.retention.setPolicy({ container: 'export_files', days: 2 });
    const kept = await requester.caller.exports.create({ type: 'users', format: 'csv', filters: {} });
    const gone = await admin.caller.exports.create({ type: 'users', format: 'csv', filters: {} });
    await h.services.exports.engine.drain();
    await admin.caller.retention.createHold({ userId: requester.user.id, reason: 'Their exports' });
    h.advance(3 * DAY);
    expect(
      (await admin.caller.retention.preview()).items.find((i) => i.container === 'export_files'),
    ).toMatchObject({
      wouldRemove: 1,
      exempt: 1,
    });
    const job = await triggerJob(h, 'retention-cleanup');
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect((await admin.caller.exports.get({ id: gone.id })).fileDeletedAt).not.toBeNull();
    expect((await admin.caller.exports.get({ id: kept.id })).fileDeletedAt).toBeNull();
    // The exports module's own 7-day cleanup keeps it too.
    h.advance(5 * DAY);
    expect((await triggerJob(h, 'export-files-cleanup')).metrics).toMatchObject({ held: 1, deleted: 0 });
    expect((await admin.caller.exports.get({ id: kept.id })).fileDeletedAt).toBeNull();
    const last = (await admin.caller.retention.listPolicies()).lastRun;
    expect(last).toMatchObject({ jobRunId: job.id, status: 'succeeded', removed: { export_files: 1 } });
    expect(last?.exempt.export_files).toBe(1);
  });

  it('starts a run now only for a super_admin', async () => {
    expect((await trpcErrorOf(() => admin.caller.retention.trigger())).code).toBe('FORBIDDEN');
    const started = await superAdmin.caller.retention.trigger();
    await h.services.jobRunner.whenIdle();
    const run = (await admin.caller.retention.listRuns()).items.find((r) => r.jobRunId === started.jobRunId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect(await admin.caller.retention.getRun({ id: run?.id ?? '' })).toEqual(run);
    expect((await trpcErrorOf(() => admin.caller.retention.getRun({ id: 'rrun_none' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
