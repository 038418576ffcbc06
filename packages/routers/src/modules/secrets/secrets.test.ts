import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time';
import { eventsOf, runJob } from '../../testing/billing';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { documentsHolding } from '../../testing/mailbox';
import { PURGE_JOB_NAME, REMINDER_JOB_NAME } from './jobs';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;

describe('secrets', () => {
  let h: TestHarness;
  let admin: Signed;
  let user: Signed;
  let root: Awaited<ReturnType<TestHarness['root']>>;
  const job = (name: string) => {
    const def = h.services.jobRegistry.get(name);
    if (!def) throw new Error(`no job ${name}`);
    return runJob(h, def);
  };
  beforeAll(async () => {
    h = await createTestHarness({
      config: { secrets: { recoveryDays: 7, reminderDays: 14, revealsPerHour: 5 } },
    });
    admin = await h.signIn(['admin']);
    user = await h.signIn(['user']);
    root = await h.root();
  });
  afterAll(async () => h.close());

  it('refuses anonymous callers and plain users, and reveals only to a super_admin', async () => {
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.secrets.list({}))).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => user.caller.secrets.list({}))).code).toBe('FORBIDDEN');
    const created = await admin.caller.secrets.create({ name: 'ACCESS_CHECK', secretValue: 'v-access-1' });
    expect(created).toMatchObject({ name: 'ACCESS_CHECK', scope: 'product', currentVersion: 1 });
    const refused = await trpcErrorOf(() =>
      admin.caller.secrets.reveal({ name: 'ACCESS_CHECK', reason: 'checking the key works' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const revealed = await root.caller.secrets.reveal({
      name: 'ACCESS_CHECK',
      reason: 'checking the key works',
    });
    expect(revealed).toEqual({ name: 'ACCESS_CHECK', version: 1, secretValue: 'v-access-1' });
  });

  it('lists names, versions, who and when, never a value, and keeps values sealed in the store', async () => {
    await admin.caller.secrets.create({
      name: 'SENDGRID_TEST',
      secretValue: 'SG.plain-value-1',
      description: 'mail',
    });
    await admin.caller.secrets.createVersion({ name: 'SENDGRID_TEST', secretValue: 'SG.plain-value-2' });
    const { items } = await admin.caller.secrets.list({});
    const listed = items.find((s) => s.name === 'SENDGRID_TEST');
    expect(listed).toMatchObject({ currentVersion: 2, status: 'active', createdBy: admin.user.id });
    expect(listed?.versions.map((v) => [v.version, v.enabled, v.createdBy])).toEqual([
      [2, true, admin.user.id],
      [1, true, admin.user.id],
    ]);
    expect(JSON.stringify(items)).not.toContain('plain-value');
    // Not in any document (secret_values holds them sealed), nor in the audit records of the calls.
    expect(await documentsHolding(h.store, 'SG.plain-value-1')).toEqual([]);
    expect(await documentsHolding(h.store, 'SG.plain-value-2')).toEqual([]);
  });

  it('names the bad field', async () => {
    await expectFieldError(() => admin.caller.secrets.create({ name: 'lower', secretValue: 'x' }), 'name');
    await expectFieldError(
      () => admin.caller.secrets.create({ name: 'OK_NAME', secretValue: '' }),
      'secretValue',
    );
    await expectFieldError(
      () => root.caller.secrets.reveal({ name: 'SENDGRID_TEST', reason: 'why' }),
      'reason',
    );
    await expectFieldError(
      () => admin.caller.secrets.create({ name: 'OK_NAME', secretValue: 'x', expiresAt: 'tomorrow' }),
      'expiresAt',
    );
  });

  it('records a reveal with its reason, and refuses a disabled version until it is enabled', async () => {
    await root.caller.secrets.reveal({
      name: 'SENDGRID_TEST',
      version: 1,
      reason: 'incident 42: compare keys',
    });
    const audit = await root.caller.audit.list({ action: 'secrets.reveal' });
    const entry = audit.items.find((item) => item.details?.name === 'SENDGRID_TEST');
    expect(entry?.details).toMatchObject({ reason: 'incident 42: compare keys' });
    expect(JSON.stringify(audit.items)).not.toContain('plain-value');
    const revealed = await eventsOf(h, 'secret.revealed');
    expect(revealed.at(-1)?.data).toMatchObject({
      name: 'SENDGRID_TEST',
      version: 1,
      reason: 'incident 42: compare keys',
    });

    await admin.caller.secrets.disableVersion({ name: 'SENDGRID_TEST', version: 1 });
    const disabled = await trpcErrorOf(() =>
      root.caller.secrets.reveal({ name: 'SENDGRID_TEST', version: 1, reason: 'incident 42 again' }),
    );
    expect(disabled.code).toBe('CONFLICT');
    await admin.caller.secrets.enableVersion({ name: 'SENDGRID_TEST', version: 1 });
    expect(
      (await root.caller.secrets.reveal({ name: 'SENDGRID_TEST', version: 1, reason: 'incident 42 again' }))
        .secretValue,
    ).toBe('SG.plain-value-1');
  });

  it('limits reveals per admin and hour', async () => {
    const other = await h.signIn(['super_admin']);
    await other.caller.secrets.create({ name: 'RATE_LIMITED', secretValue: 'rl' });
    for (let i = 0; i < 5; i += 1)
      await other.caller.secrets.reveal({ name: 'RATE_LIMITED', reason: 'load test reveal' });
    const limited = await trpcErrorOf(() =>
      other.caller.secrets.reveal({ name: 'RATE_LIMITED', reason: 'load test reveal' }),
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    h.advance(3_600_000);
    expect(
      (await other.caller.secrets.reveal({ name: 'RATE_LIMITED', reason: 'load test reveal' })).secretValue,
    ).toBe('rl');
  });

  it('keeps platform-wide secrets apart, changed only by a super_admin', async () => {
    const refused = await trpcErrorOf(() =>
      admin.caller.secrets.create({ name: 'STRIPE_SECRET_KEY', scope: 'platform', secretValue: 'sk_test_1' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    await root.caller.secrets.create({
      name: 'STRIPE_SECRET_KEY',
      scope: 'platform',
      secretValue: 'sk_test_1',
    });
    expect((await admin.caller.secrets.list({ scope: 'platform' })).items.map((s) => s.name)).toContain(
      'STRIPE_SECRET_KEY',
    );
    expect((await admin.caller.secrets.list({})).items.map((s) => s.name)).not.toContain('STRIPE_SECRET_KEY');
    expect(await h.services.secrets.resolve('STRIPE_SECRET_KEY')).toBe('sk_test_1');
    expect(await h.services.secrets.resolve('ACCESS_CHECK')).toBeUndefined();
  });

  it('deletes into a recovery window, recovers, and purges once the window ends', async () => {
    await admin.caller.secrets.create({ name: 'TO_DELETE', secretValue: 'gone-soon' });
    const deleted = await admin.caller.secrets.delete({ name: 'TO_DELETE' });
    expect(deleted.status).toBe('deleted');
    expect(Date.parse(deleted.purgeAt ?? '') - h.clock()).toBe(7 * DAY_MS);
    expect((await admin.caller.secrets.list({})).items.map((s) => s.name)).not.toContain('TO_DELETE');
    expect((await admin.caller.secrets.list({ deleted: true })).items.map((s) => s.name)).toContain(
      'TO_DELETE',
    );
    const hidden = await trpcErrorOf(() =>
      root.caller.secrets.reveal({ name: 'TO_DELETE', reason: 'is it still there?' }),
    );
    expect(hidden.code).toBe('CONFLICT');
    await admin.caller.secrets.recover({ name: 'TO_DELETE' });
    expect(
      (await root.caller.secrets.reveal({ name: 'TO_DELETE', reason: 'is it still there?' })).secretValue,
    ).toBe('gone-soon');

    await admin.caller.secrets.delete({ name: 'TO_DELETE' });
    h.advance(6 * DAY_MS);
    expect(await job(PURGE_JOB_NAME)).toMatchObject({ purged: 0 });
    h.advance(2 * DAY_MS);
    expect(await job(PURGE_JOB_NAME)).toMatchObject({ purged: 1 });
    expect((await trpcErrorOf(() => admin.caller.secrets.get({ name: 'TO_DELETE' }))).code).toBe('NOT_FOUND');
    expect(await h.store.container('secret_values').count({ where: { name: { eq: 'TO_DELETE' } } })).toBe(0);
    expect((await eventsOf(h, 'secret.purged')).map((e) => e.data)).toEqual([
      { name: 'TO_DELETE', scope: 'product' },
    ]);
  });

  it('reminds the admins once per version before a secret expires', async () => {
    const expiresAt = new Date(h.clock() + 20 * DAY_MS).toISOString();
    await root.caller.secrets.create({
      name: 'APNS_KEY',
      scope: 'platform',
      secretValue: '-----BEGIN PRIVATE KEY-----',
      expiresAt,
    });
    expect(await job(REMINDER_JOB_NAME)).toMatchObject({ reminded: 0 });
    h.advance(7 * DAY_MS);
    expect((await admin.caller.secrets.get({ name: 'APNS_KEY', scope: 'platform' })).status).toBe('expiring');
    expect(await job(REMINDER_JOB_NAME)).toMatchObject({ reminded: 1 });
    expect(await job(REMINDER_JOB_NAME)).toMatchObject({ reminded: 0 });
    await h.services.bus.drain();
    const expiring = await eventsOf(h, 'secret.expiring', '*');
    expect(expiring.map((e) => e.data)).toEqual([
      { name: 'APNS_KEY', scope: 'platform', version: 1, expiresAt, daysLeft: 13 },
    ]);
    const mails = await h.services.delivery.list('platform', { userId: admin.user.id });
    expect(mails.items.filter((d) => d.template === 'secret-expiring')).toHaveLength(1);
    const userMails = await h.services.delivery.list('platform', { userId: user.user.id });
    expect(userMails.items.filter((d) => d.template === 'secret-expiring')).toHaveLength(0);

    // A new version with the same expiry is reminded of again, once.
    await root.caller.secrets.createVersion({ name: 'APNS_KEY', scope: 'platform', secretValue: 'next key' });
    expect(await job(REMINDER_JOB_NAME)).toMatchObject({ reminded: 1 });
    expect(await job(REMINDER_JOB_NAME)).toMatchObject({ reminded: 0 });
    h.advance(14 * DAY_MS);
    expect((await admin.caller.secrets.get({ name: 'APNS_KEY', scope: 'platform' })).status).toBe('expired');
  });
});
