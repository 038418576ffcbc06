import {
  type OidcAccount,
  startOidcProvider,
  type TestOidcProvider,
} from '@bytelyst/routers/testing/oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * OpenID Connect sign-in through the REST face, against a real provider (oidc-provider) on loopback: the API
 * reaches it through the SSO guard with SSO_ISSUER_NETWORK=loopback and SSO_ALLOW_HTTP_ISSUERS=true, and the
 * browser's part (authorization URL, the provider's sign-in page, the redirect back) is driven over HTTP.
 */

const CLIENT = { clientId: 'bytelyst-console', clientSecret: 'idp-client-secret-7f3a9c' };
/** The console's callback under the default CONSOLE_URL: a provider's redirect URI when none is named. */
const CONSOLE_CALLBACK = 'http://127.0.0.1:3001/api/sso/callback';
const APP_CALLBACK = 'http://127.0.0.1:3999/app/callback';

const account = (sub: string, email: string, emailVerified = true): OidcAccount => ({
  sub,
  email,
  emailVerified,
  name: `User ${sub}`,
});

type AuthBody = {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; emailVerified: boolean; roles: string[] };
};
type ErrorBody = { error?: { message?: string; fields?: { path: string }[] } };
const messageOf = (body: unknown) => (body as ErrorBody).error?.message ?? '';

describe('SSO through the REST face', () => {
  let t: TestServer;
  let idp: TestOidcProvider;
  let adminToken = '';
  let providerId = '';
  let productId = '';

  beforeAll(async () => {
    idp = await startOidcProvider({
      clients: [{ ...CLIENT, redirectUris: [CONSOLE_CALLBACK, APP_CALLBACK] }],
      accounts: [],
    });
    t = await createTestServer({ env: { SSO_ISSUER_NETWORK: 'loopback', SSO_ALLOW_HTTP_ISSUERS: 'true' } });
    productId = t.env.DEFAULT_PRODUCT_ID;
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const created = await rest(t.app, 'POST', '/sso/providers', {
      token: adminToken,
      body: {
        name: 'Acme IdP',
        issuer: idp.issuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        allowedDomains: ['Example.com', 'acme.test'],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    providerId = (created.body as { id: string }).id;
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Start -> the provider's sign-in page as `email` -> the callback URL the browser lands on. */
  const startAndLogin = async (email: string, redirectUri = CONSOLE_CALLBACK) => {
    const started = await rest(t.app, 'POST', '/sso/sign-in/start', { body: { providerId, redirectUri } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { authorizationUrl, state } = started.body as { authorizationUrl: string; state: string };
    const callbackUrl = await idp.login(authorizationUrl, email);
    return { authorizationUrl, state, callbackUrl };
  };
  const finish = (body: Record<string, string>) => rest(t.app, 'POST', '/sso/sign-in/callback', { body });
  const signIn = async (email: string) => finish({ callbackUrl: (await startAndLogin(email)).callbackUrl });

  it('keeps the client secret only sealed: never answered, redacted in the audit log', async () => {
    const got = await rest(t.app, 'GET', `/sso/providers/${providerId}`, { token: adminToken });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      name: 'Acme IdP',
      issuer: idp.issuer,
      hasClientSecret: true,
      allowedDomains: ['example.com', 'acme.test'],
      redirectUris: [CONSOLE_CALLBACK],
      enabled: true,
    });
    expect(JSON.stringify(got.body)).not.toContain(CLIENT.clientSecret);
    const stored = await t.store.container('sso_providers').read(providerId, productId);
    const sealed = (stored as { clientSecretSealed?: string } | undefined)?.clientSecretSealed ?? '';
    expect(sealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(CLIENT.clientSecret);
    expect(t.services.secretBox.open(sealed, `sso:${productId}:${providerId}`)).toBe(CLIENT.clientSecret);
    // Bound to its record: the same value does not open as another provider's.
    expect(() => t.services.secretBox.open(sealed, `sso:${productId}:other`)).toThrow();
    await t.services.bus.drain();
    const audit = await rest(t.app, 'GET', '/audit', {
      token: adminToken,
      query: { action: 'sso.providers.create' },
    });
    const entries = (audit.body as { items: { action: string; details?: Record<string, unknown> }[] }).items;
    const entry = entries.find((item) => item.action === 'sso.providers.create');
    expect(entry?.details?.clientSecret).toBe('[redacted]');
    expect(JSON.stringify(audit.body)).not.toContain(CLIENT.clientSecret);
  });

  it("reports the issuer's metadata when an admin tests discovery", async () => {
    const found = await rest(t.app, 'POST', '/sso/providers/discover', {
      token: adminToken,
      body: { issuer: idp.issuer },
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      issuer: idp.issuer,
      authorizationEndpoint: `${idp.issuer}/auth`,
      tokenEndpoint: `${idp.issuer}/token`,
      jwksUri: `${idp.issuer}/jwks`,
      supportsPkceS256: true,
    });
  });

  it('lists the enabled providers without a sign-in', async () => {
    const listed = await rest(t.app, 'GET', '/sso/sign-in/providers');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [{ id: providerId, name: 'Acme IdP' }] });
  });

  it('signs a new user in (registered verified, welcome mail), then links the next sign-in to them', async () => {
    idp.setAccount(account('ada', 'ada@example.com'));
    const { authorizationUrl, callbackUrl } = await startAndLogin('ada@example.com');
    const auth = new URL(authorizationUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe(CONSOLE_CALLBACK);
    expect(callbackUrl.startsWith(`${CONSOLE_CALLBACK}?`)).toBe(true);

    const first = await finish({ callbackUrl });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const { user, accessToken, refreshToken } = first.body as AuthBody;
    expect(user).toMatchObject({ email: 'ada@example.com', emailVerified: true, roles: ['user'] });
    expect(refreshToken).toBeTruthy();
    const me = await rest(t.app, 'GET', '/auth/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect((me.body as { id: string }).id).toBe(user.id);

    await t.services.bus.drain();
    const mails = await t.services.delivery.list(productId, { userId: user.id });
    expect(mails.items.map((mail) => [mail.template, mail.provider])).toEqual([['welcome', 'outbox']]);

    const second = await signIn('ada@example.com');
    expect(second.status).toBe(200);
    expect((second.body as AuthBody).user.id).toBe(user.id);
    await t.services.bus.drain();
    expect((await t.services.delivery.list(productId, { userId: user.id })).items).toHaveLength(1);
  });

  it('links to an existing password account whose address is verified', async () => {
    const existing = await t.services.users.create(productId, {
      email: 'grace@acme.test',
      name: 'Grace',
      password: 'correct-horse-battery',
      roles: ['admin'],
      emailVerified: true,
    });
    idp.setAccount(account('grace', 'grace@acme.test'));
    const signedIn = await signIn('grace@acme.test');
    expect(signedIn.status).toBe(200);
    expect((signedIn.body as AuthBody).user).toMatchObject({ id: existing.id, roles: ['admin'] });
  });

  it('does not link to an account whose own address was never verified', async () => {
    await t.services.users.create(productId, {
      email: 'mallory@example.com',
      name: 'Registered first',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    idp.setAccount(account('mallory', 'mallory@example.com'));
    const refused = await signIn('mallory@example.com');
    expect(refused.status).toBe(403);
    expect(messageOf(refused.body)).toMatch(/exists but has not verified its address/);
  });

  it('refuses a state it did not issue, and a code presented with another sign-in’s state', async () => {
    idp.setAccount(account('lin', 'lin@example.com'));
    const { callbackUrl } = await startAndLogin('lin@example.com');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'forged-state-value');
    const unknown = await finish({ callbackUrl: forged.href });
    expect(unknown.status).toBe(400);
    expect(messageOf(unknown.body)).toMatch(/unknown, already used or expired/);
    expect((unknown.body as ErrorBody).error?.fields?.[0]?.path).toBe('state');

    // The state of another started sign-in with this code: the code was bound to the first flow's PKCE
    // challenge, so the provider refuses it.
    const other = await rest(t.app, 'POST', '/sso/sign-in/start', {
      body: { providerId, redirectUri: CONSOLE_CALLBACK },
    });
    const crossed = new URL(callbackUrl);
    crossed.searchParams.set('state', (other.body as { state: string }).state);
    const refused = await finish({ callbackUrl: crossed.href });
    expect(refused.status).toBe(401);
    expect(messageOf(refused.body)).toMatch(/refused the sign-in code \(invalid_grant\)/);
  });

  it('refuses a replayed callback, and the replayed code under a fresh state', async () => {
    idp.setAccount(account('kim', 'kim@example.com'));
    const { callbackUrl } = await startAndLogin('kim@example.com');
    expect((await finish({ callbackUrl })).status).toBe(200);
    const replay = await finish({ callbackUrl });
    expect(replay.status).toBe(400);
    expect(messageOf(replay.body)).toMatch(/already used/);

    const fresh = await rest(t.app, 'POST', '/sso/sign-in/start', {
      body: { providerId, redirectUri: CONSOLE_CALLBACK },
    });
    const used = new URL(callbackUrl).searchParams;
    const again = await finish({
      state: (fresh.body as { state: string }).state,
      code: used.get('code') ?? '',
      iss: used.get('iss') ?? '',
    });
    expect(again.status).toBe(401);
    expect(messageOf(again.body)).toMatch(/invalid_grant/);
  });

  it('lets a started sign-in expire after 10 minutes', async () => {
    idp.setAccount(account('ola', 'ola@example.com'));
    const { callbackUrl } = await startAndLogin('ola@example.com');
    t.clock.advance(10 * 60_000 + 1000);
    const late = await finish({ callbackUrl });
    expect(late.status).toBe(400);
    expect(messageOf(late.body)).toMatch(/expired/);
  });

  it('refuses an ID token signed by a key the issuer does not publish', async () => {
    idp.setAccount(account('sig', 'sig@example.com'));
    const { callbackUrl } = await startAndLogin('sig@example.com');
    idp.swapJwks(true);
    try {
      const refused = await finish({ callbackUrl });
      expect(refused.status).toBe(401);
      expect(messageOf(refused.body)).toMatch(/failed verification: .*signature/i);
    } finally {
      idp.swapJwks(false);
    }
    expect(await t.services.users.findByEmail(productId, 'sig@example.com')).toBeUndefined();
  });

  it('refuses an email the provider has not verified', async () => {
    idp.setAccount(account('bob', 'bob@example.com', false));
    const refused = await signIn('bob@example.com');
    expect(refused.status).toBe(403);
    expect(messageOf(refused.body)).toBe(
      'Acme IdP has not verified bob@example.com: verify it there first, or sign in with a password',
    );
    expect(await t.services.users.findByEmail(productId, 'bob@example.com')).toBeUndefined();
  });

  it('refuses a domain the provider is not allowed for', async () => {
    idp.setAccount(account('eve', 'eve@other.org'));
    const refused = await signIn('eve@other.org');
    expect(refused.status).toBe(403);
    expect(messageOf(refused.body)).toBe('other.org addresses cannot sign in through Acme IdP');
  });

  it('refuses a disabled user', async () => {
    const user = await t.services.users.create(productId, {
      email: 'gone@example.com',
      name: 'Gone',
      password: 'correct-horse-battery',
      roles: ['user'],
      emailVerified: true,
    });
    const disabled = await rest(t.app, 'POST', `/users/${user.id}/disable`, { token: adminToken, body: {} });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect((await t.services.users.load(productId, user.id)).status).toBe('disabled');
    idp.setAccount(account('gone', 'gone@example.com'));
    const refused = await signIn('gone@example.com');
    expect(refused.status).toBe(403);
    expect(messageOf(refused.body)).toBe('This account is disabled');
  });

  it('accepts only the redirect URIs the provider lists', async () => {
    const refused = await rest(t.app, 'POST', '/sso/sign-in/start', {
      body: { providerId, redirectUri: APP_CALLBACK },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as ErrorBody).error?.fields?.[0]?.path).toBe('redirectUri');
    const updated = await rest(t.app, 'PATCH', `/sso/providers/${providerId}`, {
      token: adminToken,
      body: { redirectUris: [CONSOLE_CALLBACK, APP_CALLBACK] },
    });
    expect(updated.status).toBe(200);
    idp.setAccount(account('app', 'app@example.com'));
    const { callbackUrl } = await startAndLogin('app@example.com', APP_CALLBACK);
    expect(callbackUrl.startsWith(`${APP_CALLBACK}?`)).toBe(true);
    const used = new URL(callbackUrl).searchParams;
    const signedIn = await finish({
      state: used.get('state') ?? '',
      code: used.get('code') ?? '',
      iss: used.get('iss') ?? '',
    });
    expect(signedIn.status).toBe(200);
  });

  it('asks for the secret again when the issuer changes, and hides a disabled provider', async () => {
    const moved = await rest(t.app, 'PATCH', `/sso/providers/${providerId}`, {
      token: adminToken,
      body: { issuer: 'http://127.0.0.1:9/elsewhere' },
    });
    expect(moved.status).toBe(400);
    expect((moved.body as ErrorBody).error?.fields?.[0]?.path).toBe('clientSecret');

    const disabled = await rest(t.app, 'PATCH', `/sso/providers/${providerId}`, {
      token: adminToken,
      body: { enabled: false },
    });
    expect(disabled.body).toMatchObject({ enabled: false, hasClientSecret: true });
    expect((await rest(t.app, 'GET', '/sso/sign-in/providers')).body).toEqual({ items: [] });
    const start = await rest(t.app, 'POST', '/sso/sign-in/start', {
      body: { providerId, redirectUri: CONSOLE_CALLBACK },
    });
    expect(start.status).toBe(404);
    await rest(t.app, 'PATCH', `/sso/providers/${providerId}`, {
      token: adminToken,
      body: { enabled: true },
    });
  });

  it('follows the product status for sign-ups, as registration does', async () => {
    const draft = 'sso-draft';
    await t.services.products.create({ id: draft, name: 'Draft', description: '', status: 'draft' }, 'test');
    const headers = { authorization: `Bearer ${adminToken}`, 'x-product-id': draft };
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/sso/providers',
      headers,
      payload: {
        name: 'Draft IdP',
        issuer: idp.issuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
      },
    });
    expect(created.statusCode).toBe(200);
    const draftProvider = (created.json() as { id: string }).id;
    const started = await t.app.inject({
      method: 'POST',
      url: '/v1/sso/sign-in/start',
      headers: { 'x-product-id': draft },
      payload: { providerId: draftProvider, redirectUri: CONSOLE_CALLBACK },
    });
    expect(started.statusCode).toBe(200);
    idp.setAccount(account('early', 'early@example.com'));
    const callbackUrl = await idp.login(
      (started.json() as { authorizationUrl: string }).authorizationUrl,
      'early@example.com',
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/sso/sign-in/callback',
      headers: { 'x-product-id': draft },
      payload: { callbackUrl },
    });
    expect(refused.statusCode).toBe(403);
    expect(messageOf(refused.json())).toBe('Sign-ups are closed while sso-draft is draft');
    // The state belongs to its product: the default product does not know it.
    expect(await t.services.users.findByEmail(draft, 'early@example.com')).toBeUndefined();
  });
});
