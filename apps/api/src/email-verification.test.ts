import { documentsHolding, tokenInMail } from '@bytelyst/routers/testing/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest } from './testing/http';
import { outboxMails } from './testing/outbox';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Email verification through the REST face: the link mailed at sign-up, a product that requires a verified
 * address, the resend for a refused sign-in (no session), and an admin's change of address, resend and
 * mark-verified. Mails are read from the outbox, the store is read to prove only hashes are kept.
 */

const VERIFY_BASE = 'https://console.test/verify-email';
const PASSWORD = 'a-verified-passphrase';
const ACCEPTED = {
  accepted: true,
  message: 'If this address has an account waiting to be verified, a new link is on its way.',
};

type Failure = { error: { code: string; message: string; reason?: string; fields?: { path: string }[] } };

describe('email verification through REST', () => {
  let t: TestServer;
  let adminToken = '';
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    opts: { body?: unknown; token?: string; productId?: string } = {},
  ) =>
    t.app
      .inject({
        method,
        url: `/v1${path}`,
        headers: {
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.productId ? { 'x-product-id': opts.productId } : {}),
        },
        ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
      })
      .then((res) => ({ status: res.statusCode, body: res.json() as unknown }));
  const register = (email: string, productId?: string) =>
    call('POST', '/auth/register', { body: { email, password: PASSWORD, name: 'Vera' }, productId });
  const verifyMails = async (email: string, productId?: string) => {
    await t.services.bus.drain();
    return outboxMails(t.app, adminToken, email, 'verify-email', productId);
  };
  const latestToken = async (email: string, productId?: string) => {
    const [latest] = await verifyMails(email, productId);
    if (!latest) throw new Error(`no verification mail to ${email}`);
    return tokenInMail(latest, VERIFY_BASE);
  };

  beforeAll(async () => {
    t = await createTestServer({ env: { EMAIL_VERIFY_URL_BASE: VERIFY_BASE, DELIVERY_QUIET_HOURS: 'off' } });
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  });
  afterAll(async () => t.close());

  it('mails a link at sign-up that verifies the address once; only its hash is stored', async () => {
    const email = 'vera@example.com';
    const registered = await register(email);
    expect(registered.status).toBe(200);
    const { accessToken, user } = registered.body as {
      accessToken: string;
      user: { emailVerified: boolean };
    };
    expect(user.emailVerified).toBe(false);
    const [mail, ...more] = await verifyMails(email);
    expect(more).toEqual([]);
    const token = tokenInMail(mail ?? { text: null }, VERIFY_BASE);
    expect(await documentsHolding(t.store, token)).toEqual([`delivery_log/${mail?.id}`]);

    expect(await call('POST', '/auth/verify-email', { body: { token } })).toEqual({
      status: 200,
      body: { verified: true, email },
    });
    const me = await call('GET', '/auth/me', { token: accessToken });
    expect(me.body).toMatchObject({ email, emailVerified: true });
    const again = await call('POST', '/auth/verify-email', { body: { token } });
    expect(again.status).toBe(400);
    expect((again.body as Failure).error.fields).toEqual([{ path: 'token', message: 'Invalid or expired' }]);
    // Signed in, the resend has nothing to send for a verified address, and says the same.
    const resend = await call('POST', '/auth/resend-verification', { body: {}, token: accessToken });
    expect(resend).toEqual({ status: 202, body: ACCEPTED });
    expect(await verifyMails(email)).toHaveLength(1);
  });

  it('refuses sign-in to an unverified user where the product requires it, with a reason to act on', async () => {
    const product = 'strict';
    const created = await call('POST', '/products', {
      token: adminToken,
      body: { id: product, name: 'Strict', status: 'active' },
    });
    expect(created.status).toBe(200);
    const updated = await call('PATCH', `/products/${product}`, {
      token: adminToken,
      body: { requireVerifiedEmail: true },
    });
    expect(updated.body).toMatchObject({ requireVerifiedEmail: true });

    const email = 'strict-user@example.com';
    const signedUp = await register(email, product);
    expect(signedUp.status).toBe(403);
    expect((signedUp.body as Failure).error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'email_not_verified',
    });
    const login = () =>
      call('POST', '/auth/login', { body: { email, password: PASSWORD }, productId: product });
    const refused = await login();
    expect(refused.status).toBe(403);
    expect((refused.body as Failure).error.reason).toBe('email_not_verified');
    // A wrong password still says only that the credentials are wrong: the reason needs the password.
    const wrong = await call('POST', '/auth/login', {
      body: { email, password: 'not-the-password' },
      productId: product,
    });
    expect(wrong.status).toBe(401);
    expect((wrong.body as Failure).error.reason).toBeUndefined();

    // No session: the resend takes the address, and answers an unknown one the same way.
    const resend = (address: string) =>
      call('POST', '/auth/resend-verification', { body: { email: address }, productId: product });
    expect(await resend(email)).toEqual({ status: 202, body: ACCEPTED });
    expect(await resend('nobody@example.com')).toEqual({ status: 202, body: ACCEPTED });
    expect(await verifyMails('nobody@example.com', product)).toEqual([]);
    const mails = await verifyMails(email, product);
    expect(mails).toHaveLength(2);
    const missing = await call('POST', '/auth/resend-verification', { body: {}, productId: product });
    expect(missing.status).toBe(400);
    expect((missing.body as Failure).error.fields?.map((f) => f.path)).toEqual(['email']);

    const token = await latestToken(email, product);
    expect((await call('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
    expect((await login()).status).toBe(200);
  });

  it('limits resends without a session to 3 an hour per address, answering the same', async () => {
    const email = 'resender@example.com';
    await register(email);
    const hour = 60 * 60 * 1000;
    t.clock.set(Math.ceil(t.clock.clock() / hour) * hour);
    for (let i = 0; i < 4; i += 1) {
      expect(await call('POST', '/auth/resend-verification', { body: { email } })).toEqual({
        status: 202,
        body: ACCEPTED,
      });
    }
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    // The sign-up's link and three resends.
    expect(await verifyMails(email)).toHaveLength(4);
  });

  it('lets admins change an address (unverified again, a link to the new one), resend and mark verified', async () => {
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await register('old-address@example.com');
    const { user, accessToken } = registered.body as { user: { id: string }; accessToken: string };
    // Signed in and unverified, the user's own resend mails a new link.
    const own = await call('POST', '/auth/resend-verification', { body: {}, token: accessToken });
    expect(own).toEqual({ status: 202, body: ACCEPTED });
    expect(await verifyMails('old-address@example.com')).toHaveLength(2);
    const oldToken = await latestToken('old-address@example.com');
    expect(
      (await call('POST', '/auth/forgot-password', { body: { email: 'old-address@example.com' } })).status,
    ).toBe(202);
    await t.services.bus.drain();
    const [resetMail] = await outboxMails(t.app, adminToken, 'old-address@example.com', 'password-reset');
    const oldReset = tokenInMail(resetMail ?? { text: null }, t.env.PASSWORD_RESET_URL_BASE);
    const plain = { token: accessToken };
    for (const [method, path, body] of [
      ['PUT', `/users/${user.id}/email`, { email: 'x@example.com' }],
      ['POST', `/users/${user.id}/resend-verification`, {}],
      ['POST', `/users/${user.id}/mark-verified`, {}],
    ] as const) {
      expect((await call(method, path, { ...plain, body })).status, path).toBe(403);
      expect((await call(method, path, { body })).status, path).toBe(401);
    }

    const changed = await call('PUT', `/users/${user.id}/email`, {
      token: adminToken,
      body: { email: 'New-Address@Example.com' },
    });
    expect(changed.body).toMatchObject({ email: 'new-address@example.com', emailVerified: false });
    const taken = await call('PUT', `/users/${user.id}/email`, {
      token: adminToken,
      body: { email: t.admin.email },
    });
    expect(taken.status).toBe(409);
    expect((taken.body as Failure).error.fields?.map((f) => f.path)).toEqual(['email']);
    // The old address's links prove and reset nothing any more; the new address got its own.
    expect((await call('POST', '/auth/verify-email', { body: { token: oldToken } })).status).toBe(400);
    expect(
      (await call('POST', '/auth/reset-password', { body: { token: oldReset, newPassword: 'taken over!' } }))
        .status,
    ).toBe(400);
    expect(await verifyMails('new-address@example.com')).toHaveLength(1);

    const resent = await call('POST', `/users/${user.id}/resend-verification`, {
      token: adminToken,
      body: {},
    });
    expect(resent).toEqual({
      status: 200,
      body: { id: user.id, email: 'new-address@example.com', sent: true },
    });
    expect(await verifyMails('new-address@example.com')).toHaveLength(2);
    const marked = await call('POST', `/users/${user.id}/mark-verified`, { token: adminToken, body: {} });
    expect(marked.body).toMatchObject({ id: user.id, emailVerified: true });
    const pointless = await call('POST', `/users/${user.id}/resend-verification`, {
      token: adminToken,
      body: {},
    });
    expect(pointless.status).toBe(409);

    const audit = await call('GET', `/audit?targetId=${user.id}`, { token: adminToken });
    const actions = (audit.body as { items: { action: string }[] }).items.map((entry) => entry.action).sort();
    expect(actions).toEqual(['users.resendVerification', 'users.setEmail', 'users.verifyEmail']);
    const listed = await call('GET', '/users?search=new-address', { token: adminToken });
    expect((listed.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: user.id, emailVerified: true }),
    ]);
  });
});
