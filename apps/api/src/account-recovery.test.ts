import { createHash } from 'node:crypto';
import { startFakeSendgrid } from '@bytelyst/routers/testing/fake-sendgrid';
import { documentsHolding, tokenInMail } from '@bytelyst/routers/testing/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from './testing/http';
import { outboxMails } from './testing/outbox';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Password reset through the REST face as a client uses it, with every mail read from the outbox (the delivery
 * log of EMAIL_DRIVER=outbox) and the store read to prove that only hashes of the tokens are kept.
 */

const RESET_BASE = 'https://console.test/reset-password';
const HOUR = 60 * 60 * 1000;
const ACCEPTED = {
  accepted: true,
  message: 'If an account uses this address, a link to reset its password is on its way.',
};

describe('password reset through REST', () => {
  let t: TestServer;
  let ipSeq = 0;
  /** Signed in afresh each time: the tests move the clock past the access token's life. */
  const admin = () => loginRest(t.app, t.admin.email, t.admin.password);
  /** Each request from its own client address unless one is given, so the per-IP limit stays out of the way. */
  const forgot = (email: string, ip = `10.1.0.${++ipSeq}`) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/forgot-password',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      payload: JSON.stringify({ email }),
    });
  const reset = (token: string, newPassword: string) =>
    rest(t.app, 'POST', '/auth/reset-password', { body: { token, newPassword } });
  const login = (email: string, password: string) =>
    rest(t.app, 'POST', '/auth/login', { body: { email, password } });
  const register = async (email: string, password = 'first-password-of-mine') => {
    const res = await rest(t.app, 'POST', '/auth/register', {
      body: { email, password, name: 'Reset Tester' },
    });
    expect(res.status).toBe(200);
    return res.body as { refreshToken: string; user: { id: string } };
  };
  const resetMails = async (email: string) => {
    await t.services.bus.drain();
    return outboxMails(t.app, await admin(), email, 'password-reset');
  };
  const latestToken = async (email: string) => {
    const [latest] = await resetMails(email);
    if (!latest) throw new Error(`no reset mail to ${email}`);
    return tokenInMail(latest, RESET_BASE);
  };

  beforeAll(async () => {
    t = await createTestServer({
      env: { PASSWORD_RESET_URL_BASE: RESET_BASE, DELIVERY_QUIET_HOURS: 'off' },
    });
  });
  afterAll(async () => t.close());

  it('mails a one-time link; the reset sets the password, ends every session, is audited and noticed', async () => {
    const email = 'ada@example.com';
    const registered = await register(email);
    const answer = await forgot(email);
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual(ACCEPTED);

    const [mail, ...older] = await resetMails(email);
    expect(older).toEqual([]);
    const token = tokenInMail(mail ?? { text: null }, RESET_BASE);
    expect(token.startsWith(`rp_${t.env.DEFAULT_PRODUCT_ID}.`)).toBe(true);
    expect(token.split('.').at(-1)).toMatch(/^[\w-]{43}$/);
    // Only the outbox's copy of the mail holds the token; the token's record keeps its SHA-256.
    expect(await documentsHolding(t.store, token)).toEqual([`delivery_log/${mail?.id}`]);
    const secret = token.split('.').at(-1) ?? '';
    expect(await documentsHolding(t.store, secret)).toEqual([`delivery_log/${mail?.id}`]);
    const hash = createHash('sha256').update(token).digest('hex');
    expect((await documentsHolding(t.store, hash)).map((key) => key.split('/')[0])).toEqual([
      'password_reset_tokens',
    ]);

    // The policy refuses, naming the field, and the link still works afterwards.
    for (const weak of ['password123', 'ada@example.com', 'ADA', 'short']) {
      const refused = await reset(token, weak);
      expect(refused.status, weak).toBe(400);
      expect((refused.body as { error: { fields: { path: string }[] } }).error.fields).toEqual([
        { path: 'newPassword', message: expect.any(String) },
      ]);
    }
    const done = await reset(token, 'a brand new passphrase');
    expect(done).toMatchObject({ status: 200, body: { ok: true } });

    expect((await login(email, 'first-password-of-mine')).status).toBe(401);
    const signedIn = await login(email, 'a brand new passphrase');
    expect(signedIn.status).toBe(200);
    // The link reached the mailbox: the address counts as verified now.
    expect((signedIn.body as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
    const oldSession = await rest(t.app, 'POST', '/auth/refresh', {
      body: { refreshToken: registered.refreshToken },
    });
    expect(oldSession.status).toBe(401);

    const again = await reset(token, 'yet another passphrase');
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'This reset link is invalid or has expired. Ask for a new one.',
        fields: [{ path: 'token', message: 'Invalid or expired' }],
      },
    });

    await t.services.bus.drain();
    const adminToken = await admin();
    const notices = await outboxMails(t.app, adminToken, email, 'password-changed');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('https://console.test/forgot-password?email=ada%40example.com');
    const audit = await rest(t.app, 'GET', '/audit', {
      token: adminToken,
      query: { action: 'auth.resetPassword' },
    });
    expect((audit.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        actorId: registered.user.id,
        actorEmail: email,
        targetId: registered.user.id,
        targetType: 'user',
      }),
    ]);
    // The session from before the reset ended for that reason; the one signed in after it lives.
    const sessions = await t.store
      .container<{ id: string; revokeReason?: string }>('sessions')
      .query({ partitionKey: registered.user.id });
    const before = registered.refreshToken.split('.')[1];
    expect(sessions.items.map((s) => [s.id === before, s.revokeReason ?? 'live']).sort()).toEqual([
      [false, 'live'],
      [true, 'password_reset'],
    ]);
  });

  it('holds sign-up and an admin’s new user to the same policy, naming the field', async () => {
    const fieldsOf = (res: { body: unknown }) =>
      (res.body as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
    const common = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'policy@example.com', password: 'iloveyou1', name: 'Policy' },
    });
    expect(common.status).toBe(400);
    expect(fieldsOf(common)).toEqual(['password']);
    const created = await rest(t.app, 'POST', '/users', {
      token: await admin(),
      body: { email: 'policy@example.com', password: 'POLICY@example.com', name: 'Policy', roles: ['user'] },
    });
    expect(created.status).toBe(400);
    expect(fieldsOf(created)).toEqual(['password']);
    // Eight characters of anything else will do: no composition rules.
    expect((await register('policy@example.com', 'zq8vemnd')).user.id).toBeTruthy();
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    await register('known@example.com');
    const known = await forgot('known@example.com');
    const unknown = await forgot('nobody@example.com');
    expect(unknown.statusCode).toBe(202);
    expect(unknown.payload).toBe(known.payload);
    const headersOf = (res: typeof known) => Object.keys(res.headers).sort();
    expect(headersOf(unknown)).toEqual(headersOf(known));
    expect(await resetMails('known@example.com')).toHaveLength(1);
    expect(await resetMails('nobody@example.com')).toEqual([]);
  });

  it('sends at most 3 links an hour per address and 20 requests an hour per client, answering the same', async () => {
    const email = 'limited@example.com';
    await register(email);
    // Counters run in fixed hourly windows: start at the top of an hour, so all four fall in one window.
    t.clock.set(Math.ceil(t.clock.clock() / HOUR) * HOUR);
    for (let i = 0; i < 4; i += 1) {
      const res = await forgot(email);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ACCEPTED);
      t.clock.advance(1000);
    }
    expect(await resetMails(email)).toHaveLength(3);
    t.clock.advance(HOUR);
    expect((await forgot(email)).json()).toEqual(ACCEPTED);
    expect(await resetMails(email)).toHaveLength(4);

    const sprayer = '10.9.9.9';
    for (let i = 0; i < 20; i += 1)
      expect((await forgot(`spray-${i}@example.com`, sprayer)).statusCode).toBe(202);
    const blocked = await forgot(email, sprayer);
    expect(blocked.statusCode).toBe(202);
    expect(blocked.json()).toEqual(ACCEPTED);
    expect(await resetMails(email)).toHaveLength(4);
    expect((await forgot(email)).statusCode).toBe(202);
    expect(await resetMails(email)).toHaveLength(5);
  });

  it('refuses a link after an hour, and an older link once a newer one was asked for', async () => {
    const email = 'expiry@example.com';
    await register(email);
    await forgot(email);
    const expired = await latestToken(email);
    t.clock.advance(HOUR + 1000);
    expect((await reset(expired, 'a brand new passphrase')).status).toBe(400);

    await forgot(email);
    const older = await latestToken(email);
    t.clock.advance(1000);
    await forgot(email);
    const newer = await latestToken(email);
    expect(newer).not.toBe(older);
    const refused = await reset(older, 'a brand new passphrase');
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { message: string } }).error.message).toBe(
      'This reset link is invalid or has expired. Ask for a new one.',
    );
    expect((await reset(newer, 'a brand new passphrase')).status).toBe(200);
    // A made-up token in the right shape, and one of another kind, get the same answer.
    for (const forged of [`${newer.slice(0, -4)}AAAA`, 'rp_platform.x.y', newer.replace('rp_', 've_')]) {
      expect((await reset(forged, 'a brand new passphrase')).body).toEqual(refused.body);
    }
  });

  it('documents the 202 and offers the same procedures to tRPC clients', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/documentation/json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/auth/forgot-password']?.post?.responses ?? {})).toContain('202');
    expect(Object.keys(doc.paths['/auth/forgot-password']?.post?.responses ?? {})).not.toContain('200');
    const viaTrpc = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.requestPasswordReset',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'nobody@example.com' }),
    });
    expect(viaTrpc.statusCode).toBe(200);
    expect(viaTrpc.json()).toEqual({ result: { data: ACCEPTED } });
  });
});

describe('password reset through a real provider', () => {
  let t: TestServer;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>;
  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: 'SG.recovery-test' });
    t = await createTestServer({
      env: {
        EMAIL_DRIVER: 'sendgrid',
        SENDGRID_API_KEY: 'SG.recovery-test',
        SENDGRID_API_BASE: sendgrid.baseUrl,
        PASSWORD_RESET_URL_BASE: RESET_BASE,
        DELIVERY_QUIET_HOURS: 'off',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await sendgrid.close();
  });

  it('keeps no token anywhere in the store: the log has the props sealed and its copy blanked', async () => {
    const email = 'provider@example.com';
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email, password: 'first-password-of-mine', name: 'Pro' },
    });
    expect(registered.status).toBe(200);
    const answer = await rest(t.app, 'POST', '/auth/forgot-password', { body: { email } });
    expect(answer.status).toBe(202);
    await t.services.bus.drain();
    const sent = sendgrid.requests
      .map((r) => r.body as { subject: string; content: { value: string }[] })
      .filter((mail) => mail.subject.startsWith('Reset your'));
    expect(sent).toHaveLength(1);
    const token = tokenInMail({ text: sent[0]?.content[0]?.value ?? null }, RESET_BASE);
    expect(await documentsHolding(t.store, token)).toEqual([]);
    expect(await documentsHolding(t.store, token.split('.').at(-1) ?? '')).toEqual([]);

    const [entry] = (
      await t.store
        .container<{ id: string; template: string; props: unknown; sealedProps?: string; text: string }>(
          'delivery_log',
        )
        .query({ where: { template: { eq: 'password-reset' } } })
    ).items;
    expect(entry?.props).toMatchObject({ resetUrl: '[sealed]', expiresInMinutes: 60 });
    expect(entry?.sealedProps).toMatch(/^v1\./);
    expect(entry?.text).toContain(`Reset password [sealed]`);
    // The link works: the mail the provider got is the one that counts.
    const done = await rest(t.app, 'POST', '/auth/reset-password', {
      body: { token, newPassword: 'a brand new passphrase' },
    });
    expect(done.status).toBe(200);
  });
});
