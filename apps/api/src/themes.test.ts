import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

/** Themes over a real socket: the launch fetch with ETag, 304 and Cache-Control; REST editing; downloads. */
describe('themes over HTTP', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';
  let userToken = '';
  /** The default theme, as the first draft is (read through the API: this app does not depend on the tokens package). */
  type Tokens = { colors: { light: Record<string, string>; dark: Record<string, string> } };
  let DEFAULT_THEME: Tokens;

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
  const publishPrimary = async (primary: string) => {
    const tokens = structuredClone(DEFAULT_THEME);
    tokens.colors.light.primary = primary;
    tokens.colors.light.focus = primary;
    expect((await call('PUT', '/v1/themes/draft', { token: adminToken, body: { tokens } })).status).toBe(200);
    const published = await call('POST', '/v1/themes/publish', { token: adminToken, body: {} });
    expect(published.status).toBe(200);
    return (await published.json()) as { publishedVersion: number };
  };

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = await login(t.admin.email, t.admin.password);
    await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
      email: 'viewer@example.com',
      name: 'Viewer',
      password: 'a-long-viewer-password-42',
      roles: ['user'],
    });
    userToken = await login('viewer@example.com', 'a-long-viewer-password-42');
    DEFAULT_THEME = (
      (await (await call('GET', '/v1/themes', { token: adminToken })).json()) as { draft: Tokens }
    ).draft;
    expect(DEFAULT_THEME.colors.light.primary).toBe('#4f46e5');
  });
  afterAll(async () => t.close());

  it('answers 304 to a matching If-None-Match until a new version is published', async () => {
    const first = await call('GET', '/v1/themes/current?platform=web');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(((await first.json()) as { version: number }).version).toBe(0);

    const again = await call('GET', '/v1/themes/current?platform=web', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // Another platform is another answer, so another tag.
    const ios = await call('GET', '/v1/themes/current?platform=ios', { headers: { 'if-none-match': etag } });
    expect(ios.status).toBe(200);
    expect(((await ios.json()) as { units: { spacing: string } }).units.spacing).toBe('pt');

    // A draft changes nothing clients see.
    const tokens = structuredClone(DEFAULT_THEME);
    tokens.colors.light.primary = '#0f766e';
    await call('PUT', '/v1/themes/draft', { token: adminToken, body: { tokens } });
    expect((await call('GET', '/v1/themes/current', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );

    await publishPrimary('#0f766e');
    const changed = await call(
      'GET',
      `/v1/themes/current?productId=${t.env.DEFAULT_PRODUCT_ID}&platform=web`,
      {
        headers: { 'if-none-match': etag },
      },
    );
    expect(changed.status).toBe(200);
    const tag2 = changed.headers.get('etag') ?? '';
    expect(tag2).not.toBe(etag);
    const body = (await changed.json()) as { version: number; colors: { light: { primary: string } } };
    expect(body.version).toBe(1);
    expect(body.colors.light.primary).toBe('#0f766e');
    // The header-named product gets the same answer and the same tag.
    const viaHeader = await call('GET', '/v1/themes/current?platform=web', {
      headers: { 'x-product-id': t.env.DEFAULT_PRODUCT_ID, 'if-none-match': tag2 },
    });
    expect(viaHeader.status).toBe(304);
  });

  it('names bad parameters in a 400 and an unknown product in a 404', async () => {
    for (const [query, field] of [
      ['platform=tv', 'platform'],
      ['productId=Not%20A%20Slug', 'productId'],
    ] as const) {
      const res = await call('GET', `/v1/themes/current?${query}`);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { fields: { path: string }[] } }).error;
      expect(error.fields.map((f) => f.path)).toEqual([field]);
    }
    expect((await call('GET', '/v1/themes/current?productId=nope')).status).toBe(404);
    const bad = structuredClone(DEFAULT_THEME);
    bad.colors.dark.surface = '#12345';
    const res = await call('PUT', '/v1/themes/draft', { token: adminToken, body: { tokens: bad } });
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { fields: { path: string }[] } }).error;
    expect(error.fields.map((f) => f.path)).toEqual(['tokens.colors.dark.surface']);
  });

  it('downloads the generated files as attachments; the CSS parses with the published primary', async () => {
    await publishPrimary('#7c3aed');
    const css = await call('GET', '/v1/themes/download/css', { token: adminToken });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-disposition')).toBe(
      `attachment; filename="${t.env.DEFAULT_PRODUCT_ID}-theme.css"`,
    );
    // Light on :root, dark under the media query and under [data-theme="dark"] (the package parses it with postcss).
    const primaries = [...(await css.text()).matchAll(/--color-primary: (#[0-9a-f]{6});/g)].map((m) => m[1]);
    expect(primaries).toEqual([
      '#7c3aed',
      DEFAULT_THEME.colors.dark.primary,
      DEFAULT_THEME.colors.dark.primary,
    ]);
    const swift = await call('GET', '/v1/themes/download/swift?source=draft', { token: adminToken });
    expect(swift.headers.get('content-disposition')).toBe('attachment; filename="BytelystTheme.swift"');
    expect(await swift.text()).toContain(
      'static let bytelystLightPrimary = Color(red: 124 / 255, green: 58 / 255',
    );
    const unknown = await call('GET', '/v1/themes/download/scss', { token: adminToken });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'format',
    );
  });

  it('refuses the admin paths to anonymous (401) and plain users (403)', async () => {
    const admin = [
      ['GET', '/v1/themes', undefined],
      ['PUT', '/v1/themes/draft', { tokens: DEFAULT_THEME }],
      ['POST', '/v1/themes/publish', {}],
      ['POST', '/v1/themes/revert', { version: 1 }],
      ['GET', '/v1/themes/versions', undefined],
      ['GET', '/v1/themes/versions/1', undefined],
      ['GET', '/v1/themes/files/css', undefined],
      ['GET', '/v1/themes/download/css', undefined],
    ] as const;
    for (const [method, path, body] of admin) {
      expect((await call(method, path, { body })).status, `${method} ${path}`).toBe(401);
      expect((await call(method, path, { body, token: userToken })).status, `${method} ${path}`).toBe(403);
    }
    const versions = await call('GET', '/v1/themes/versions', { token: adminToken });
    expect(((await versions.json()) as { items: { version: number }[] }).items.map((v) => v.version)).toEqual(
      [2, 1],
    );
  });
});
