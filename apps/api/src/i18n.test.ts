import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

/** Localization over a real socket: the client bundle with ETag and 304, admin REST, import and export. */
describe('i18n over HTTP', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';
  let userToken = '';

  const call = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  const login = async (email: string, password: string) => {
    const res = await call('POST', '/v1/auth/login', { body: { email, password } });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const put = (key: string, locale: string, message: string) =>
    call('PUT', '/v1/translations/strings', { token: adminToken, body: { key, locale, message } });
  const fieldsOf = async (res: Response) =>
    ((await res.json()) as { error: { fields?: { path: string; message: string }[] } }).error.fields ?? [];

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = await login(t.admin.email, t.admin.password);
    await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
      email: 'reader@example.com',
      name: 'Reader',
      password: 'a-long-reader-password-42',
      roles: ['user'],
    });
    userToken = await login('reader@example.com', 'a-long-reader-password-42');
    for (const locale of ['pt', 'pt-BR']) {
      expect(
        (await call('POST', '/v1/translations/locales', { token: adminToken, body: { locale } })).status,
      ).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it('refuses a malformed message with a 400 naming the key, and anonymous and plain callers', async () => {
    const bad = await put('home.count', 'en', '{n, plural, one {#}}');
    expect(bad.status).toBe(400);
    const [field] = await fieldsOf(bad);
    expect(field?.path).toBe('message');
    expect(field?.message).toContain('home.count');
    expect(field?.message).toContain('MISSING_OTHER_CLAUSE');
    const body = { key: 'home.title', locale: 'en', message: 'Home' };
    expect((await call('PUT', '/v1/translations/strings', { body })).status).toBe(401);
    expect((await call('PUT', '/v1/translations/strings', { token: userToken, body })).status).toBe(403);
    expect((await call('GET', '/v1/translations', { token: userToken })).status).toBe(403);
    expect((await call('GET', '/v1/translations/export?locale=en&format=json-flat')).status).toBe(401);
    const importBody = { locale: 'pt', format: 'json-flat', content: '{"home.title":"Início"}' };
    expect(
      (await call('POST', '/v1/translations/import', { token: userToken, body: importBody })).status,
    ).toBe(403);
    expect((await call('POST', '/v1/translations/import', { body: importBody })).status).toBe(401);
  });

  it('serves the merged bundle with a strong ETag, 304 until an edit, then the new string', async () => {
    expect((await put('home.title', 'en', 'Home')).status).toBe(200);
    expect((await put('home.greeting', 'en', 'Hello {name}')).status).toBe(200);
    expect((await put('home.title', 'pt', 'Início')).status).toBe(200);
    const first = await call('GET', '/v1/i18n/pt-BR?ns=home');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(await first.json()).toEqual({
      locale: 'pt-BR',
      chain: ['pt-BR', 'pt', 'en'],
      version: etag.slice(1, -1),
      messages: { 'home.greeting': 'Hello {name}', 'home.title': 'Início' },
    });
    const again = await call('GET', '/v1/i18n/pt-BR?ns=home', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    expect((await put('home.greeting', 'pt-BR', 'Oi {name}')).status).toBe(200);
    const after = await call('GET', '/v1/i18n/pt-BR?ns=home', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { messages: Record<string, string> }).messages['home.greeting']).toBe(
      'Oi {name}',
    );
  });

  it('names locale and ns on bad input, and 404s an unknown product', async () => {
    const bad = await call('GET', '/v1/i18n/en_US');
    expect(bad.status).toBe(400);
    expect((await fieldsOf(bad)).map((f) => f.path)).toEqual(['locale']);
    const ns = await call('GET', '/v1/i18n/en?ns=a,b%20c');
    expect(ns.status).toBe(400);
    expect((await fieldsOf(ns)).map((f) => f.path)).toEqual(['ns']);
    expect((await call('GET', '/v1/i18n/en?productId=nope')).status).toBe(404);
    const own = await call('GET', `/v1/i18n/en?productId=${t.env.DEFAULT_PRODUCT_ID}&ns=home`);
    expect(own.status).toBe(200);
  });

  it('exports and imports files, refusing a bad file as a whole, and audits both', async () => {
    const exported = await call(
      'GET',
      '/v1/translations/export?locale=pt&format=json-nested&namespace=home',
      {
        token: adminToken,
      },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('-pt-home.json');
    expect(await exported.json()).toEqual({ home: { title: 'Início' } });

    const bad = await call('POST', '/v1/translations/import', {
      token: adminToken,
      body: { locale: 'pt', format: 'json-flat', content: '{"home.greeting":"Olá {name}","home.bad":"{x"}' },
    });
    expect(bad.status).toBe(200);
    const report = (await bad.json()) as { applied: boolean; invalid: { key: string }[]; created: number };
    expect(report.applied).toBe(false);
    expect(report.invalid.map((i) => i.key)).toEqual(['home.bad']);
    const unchanged = await call('GET', '/v1/i18n/pt?ns=home');
    expect(((await unchanged.json()) as { messages: Record<string, string> }).messages['home.greeting']).toBe(
      'Hello {name}',
    );

    const xliff = await call('GET', '/v1/translations/export?locale=pt&format=xliff&namespace=home', {
      token: adminToken,
    });
    // The translator fills the untranslated unit (exported as initial) and marks it translated; an initial
    // segment would import as a draft, which clients are not served.
    const xml = (await xliff.text()).replace(
      /<segment state="initial">\s*<source>Hello \{name\}<\/source>/,
      '<segment state="translated">\n        <source>Hello {name}</source>\n        <target>Olá {name}</target>',
    );
    expect(xml).toContain('<target>Olá {name}</target>');
    const good = await call('POST', '/v1/translations/import', {
      token: adminToken,
      body: { format: 'xliff', content: xml },
    });
    expect(await good.json()).toMatchObject({ locale: 'pt', applied: true, created: 1, unchanged: 1 });
    const merged = await call('GET', '/v1/i18n/pt?ns=home');
    expect(((await merged.json()) as { messages: Record<string, string> }).messages['home.greeting']).toBe(
      'Olá {name}',
    );

    const audit = await call('GET', '/v1/audit?action=i18n.import', { token: adminToken });
    const entries = (
      (await audit.json()) as { items: { action: string; details: Record<string, unknown> }[] }
    ).items;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0]?.details).not.toHaveProperty('content');
    expect(entries[0]?.details.bytes).toBeGreaterThan(0);
  });
});
