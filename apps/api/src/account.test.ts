import { tokenInMail } from '@bytelyst/routers/testing/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { outboxMails } from './testing/outbox';
import { createTestServer, type TestServer } from './testing/server';

/**
 * The account self-service on the REST face, on its /v1/account paths: a user changes their name and password,
 * moves to a new address with the mailed link, downloads their data through the signed URL, frees a device of
 * their license, and schedules then cancels their account's deletion. Anonymous callers get 401.
 */

const CONFIRM_BASE = 'https://console.test/confirm-email-change';
const PASSWORD = 'account-rest-password-1';
const NEW_PASSWORD = 'account-rest-password-2';

type ErrorBody = { error: { code: string; reason?: string; fields?: { path: string }[] } };
const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);

describe('account self-service through the REST face', () => {
  let t: TestServer;
  let adminToken = '';

  const createUser = async (email: string) => {
    const created = await rest(t.app, 'POST', '/users', {
      token: adminToken,
      body: { email, name: 'Rest User', password: PASSWORD, roles: ['user'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    return { id: (created.body as { id: string }).id, token: await loginRest(t.app, email, PASSWORD) };
  };

  beforeAll(async () => {
    t = await createTestServer({
      env: { EMAIL_VERIFY_URL_BASE: 'https://console.test/verify-email', DELIVERY_QUIET_HOURS: 'off' },
    });
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  });
  afterAll(async () => t?.close());

  it('profile, password and email change', async () => {
    expect((await rest(t.app, 'GET', '/account')).status).toBe(401);
    const me = await createUser('rest-account@bytelyst.test');
    const call = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
      rest(t.app, method, path, { token: me.token, ...(body === undefined ? {} : { body }) });

    expect((await call('GET', '/account')).body).toMatchObject({ id: me.id, deletionScheduledFor: null });
    expect((await call('PATCH', '/account/profile', { name: 'Renamed' })).body).toMatchObject({
      name: 'Renamed',
    });

    const wrong = await call('POST', '/account/password', {
      currentPassword: 'nope-nope-1',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(['currentPassword']);
    const changed = await call('POST', '/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed).toMatchObject({ status: 200, body: { changed: true } });

    const taken = await call('POST', '/account/email', { newEmail: t.admin.email, password: NEW_PASSWORD });
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken)).toEqual(['newEmail']);
    const requested = await call('POST', '/account/email', {
      newEmail: 'rest-account-new@bytelyst.test',
      password: NEW_PASSWORD,
    });
    expect(requested.status).toBe(202);
    await t.services.bus.drain();
    const [mail] = await outboxMails(t.app, adminToken, 'rest-account-new@bytelyst.test', 'account-notice');
    if (!mail) throw new Error('no confirmation mail');
    const token = tokenInMail(mail, CONFIRM_BASE);
    const confirmed = await rest(t.app, 'POST', '/account/email/confirm', { body: { token } });
    expect(confirmed).toMatchObject({ status: 200, body: { email: 'rest-account-new@bytelyst.test' } });
    const again = await rest(t.app, 'POST', '/account/email/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(fieldsOf(again)).toEqual(['token']);
  });

  it('stops a stolen session from guessing the password: the 11th password check in an hour is a 429', async () => {
    const me = await createUser('rest-account-guess@bytelyst.test');
    const guess = (n: number) =>
      rest(t.app, 'POST', '/account/password', {
        token: me.token,
        body: { currentPassword: `guess-number-${n}`, newPassword: NEW_PASSWORD },
      });
    for (let n = 0; n < 10; n += 1) expect((await guess(n)).status).toBe(400);
    const refused = await guess(10);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { reason: 'rate_limited', rule: 'account-password-user' } });
    // The address change and the deletion ask for the password too, and count against the same rule.
    const deletion = await rest(t.app, 'POST', '/account/deletion', {
      token: me.token,
      body: { password: PASSWORD },
    });
    expect(deletion.status).toBe(429);
  });

  it('data export, device release and deletion', async () => {
    const me = await createUser('rest-export@bytelyst.test');
    const other = await createUser('rest-other@bytelyst.test');
    const call = (method: 'GET' | 'POST', path: string, body?: unknown, token = me.token) =>
      rest(t.app, method, path, { token, ...(body === undefined ? {} : { body }) });

    const started = await call('POST', '/account/data-exports', {});
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect((await call('POST', '/account/data-exports', {})).status).toBe(409);
    await t.services.exports.engine.drain();
    const id = (started.body as { id: string }).id;
    const ready = (await call('GET', `/account/data-exports/${id}`)).body as {
      downloadUrl: string;
      status: string;
    };
    expect(ready.status).toBe('ready');
    const signed = new URL(ready.downloadUrl);
    const file = await t.app.inject({ url: `${signed.pathname}${signed.search}` });
    expect(file.statusCode).toBe(200);
    expect(JSON.parse(file.payload)).toMatchObject({
      userId: me.id,
      profile: { email: 'rest-export@bytelyst.test' },
    });
    expect((await call('GET', `/account/data-exports/${id}`, undefined, other.token)).status).toBe(404);
    expect((await call('GET', '/account/data-exports')).body).toMatchObject({ items: [{ id }] });

    const license = await rest(t.app, 'POST', '/licenses', {
      token: adminToken,
      body: { userId: me.id, maxDevices: 1 },
    });
    const { key, item } = license.body as { key: string; item: { id: string } };
    expect(
      (await rest(t.app, 'POST', '/licenses/activate', { body: { key, deviceId: 'desk-1' } })).status,
    ).toBe(200);
    const path = `/licenses/mine/${item.id}/devices/desk-1/deactivate`;
    expect((await call('POST', path, {}, other.token)).status).toBe(404);
    expect((await call('POST', path, {})).body).toMatchObject({ id: item.id, devices: [] });

    expect((await call('POST', '/account/deletion', { password: 'wrong-pass-1' })).status).toBe(400);
    const scheduled = await call('POST', '/account/deletion', { password: PASSWORD });
    expect((scheduled.body as { deletionScheduledFor: string }).deletionScheduledFor).toEqual(
      expect.any(String),
    );
    expect((await call('POST', '/account/deletion/cancel', {})).body).toEqual({ deletionScheduledFor: null });
  });
});
