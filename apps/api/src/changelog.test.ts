import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

/** The changelog's client face over a real socket: ETag and 304, Cache-Control, the feed, REST refusals. */
describe('changelog over HTTP', () => {
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
  const entry = (version: string, platforms = ['ios']) => ({
    version,
    title: `Release ${version}`,
    body: `Notes for ${version}`,
    category: 'improvement',
    platforms,
  });
  const createAndPublish = async (version: string, platforms?: string[]) => {
    const created = await call('POST', '/v1/changelog/entries', {
      token: adminToken,
      body: entry(version, platforms),
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect(
      (await call('POST', `/v1/changelog/entries/${id}/publish`, { token: adminToken, body: {} })).status,
    ).toBe(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = await login(t.admin.email, t.admin.password);
    const user = await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
      email: 'reader@example.com',
      name: 'Reader',
      password: 'a-long-reader-password-42',
      roles: ['user'],
    });
    expect(user.id).toBeTruthy();
    userToken = await login('reader@example.com', 'a-long-reader-password-42');
  });
  afterAll(async () => t.close());

  it('answers 304 to a matching If-None-Match until something clients see changes', async () => {
    await createAndPublish('1.9.0');
    await createAndPublish('1.10.0');
    const first = await call('GET', '/v1/changelog?since=1.0.0');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    const body = (await first.json()) as { items: { version: string }[]; nextCursor: string | null };
    expect(body.items.map((e) => e.version)).toEqual(['1.10.0', '1.9.0']);

    const again = await call('GET', '/v1/changelog?since=1.0.0', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // A signed-in client of the product gets the same answer and the same tag.
    const signedIn = await call('GET', '/v1/changelog?since=1.0.0', {
      token: userToken,
      headers: { 'if-none-match': `W/"other", ${etag}` },
    });
    expect(signedIn.status).toBe(304);
    // Another query is another tag.
    const other = await call('GET', '/v1/changelog?since=1.9.0', { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);

    // A draft changes nothing clients see: still 304.
    await call('POST', '/v1/changelog/entries', { token: adminToken, body: entry('2.0.0') });
    expect(
      (await call('GET', '/v1/changelog?since=1.0.0', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    // Publishing it does: 200 with a new tag and the new entry first.
    expect(
      (await call('POST', '/v1/changelog/entries/v2.0.0/publish', { token: adminToken, body: {} })).status,
    ).toBe(200);
    const changed = await call('GET', '/v1/changelog?since=1.0.0', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as { items: { version: string }[] }).items[0]?.version).toBe('2.0.0');
    // Unpublishing changes it again.
    const tag2 = changed.headers.get('etag') ?? '';
    await call('POST', '/v1/changelog/entries/v2.0.0/unpublish', { token: adminToken, body: {} });
    expect(
      (await call('GET', '/v1/changelog?since=1.0.0', { headers: { 'if-none-match': tag2 } })).status,
    ).toBe(200);
  });

  it('filters by platform, pages, and names a bad parameter in a 400', async () => {
    await createAndPublish('1.11.0-beta.1', ['web']);
    const web = (await (await call('GET', '/v1/changelog?platform=web')).json()) as {
      items: { version: string }[];
    };
    expect(web.items.map((e) => e.version)).toEqual(['1.11.0-beta.1']);
    const page = (await (await call('GET', '/v1/changelog?limit=1')).json()) as {
      items: { version: string }[];
      nextCursor: string;
    };
    expect(page.items.map((e) => e.version)).toEqual(['1.11.0-beta.1']);
    const next = (await (
      await call('GET', `/v1/changelog?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)
    ).json()) as { items: { version: string }[] };
    expect(next.items.map((e) => e.version)).toEqual(['1.10.0']);
    for (const [query, field] of [
      ['since=1.2', 'since'],
      ['platform=tv', 'platform'],
      ['limit=0', 'limit'],
    ] as const) {
      const res = await call('GET', `/v1/changelog?${query}`);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { fields: { path: string }[] } }).error;
      expect(error.fields.map((f) => f.path)).toEqual([field]);
    }
    // An unknown product header is a 404, as every client-facing GET answers it.
    expect((await call('GET', '/v1/changelog', { headers: { 'x-product-id': 'nope' } })).status).toBe(404);
  });

  it('refuses bad versions (400) and duplicates (409) on REST, naming version', async () => {
    const bad = await call('POST', '/v1/changelog/entries', { token: adminToken, body: entry('1.0') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'version',
    );
    const dup = await call('POST', '/v1/changelog/entries', { token: adminToken, body: entry('1.9.0') });
    expect(dup.status).toBe(409);
    const body = (await dup.json()) as { error: { message: string; fields: { path: string }[] } };
    expect(body.error.fields[0]?.path).toBe('version');
    expect(body.error.message).toContain('1.9.0');
  });

  it('refuses the admin paths to anonymous (401) and plain users (403)', async () => {
    const admin = [
      ['GET', '/v1/changelog/entries', undefined],
      ['POST', '/v1/changelog/entries', entry('7.0.0')],
      ['POST', '/v1/changelog/preview', { body: 'x' }],
      ['POST', '/v1/changelog/entries/v1.9.0/unpublish', {}],
      ['DELETE', '/v1/changelog/entries/v1.9.0', undefined],
    ] as const;
    for (const [method, path, body] of admin) {
      expect((await call(method, path, { body })).status).toBe(401);
      expect((await call(method, path, { body, token: userToken })).status).toBe(403);
    }
    expect((await call('PUT', '/v1/changelog/me/last-seen', { body: { version: '1.0.0' } })).status).toBe(
      401,
    );
    const seen = await call('PUT', '/v1/changelog/me/last-seen', {
      token: userToken,
      body: { version: '1.10.0' },
    });
    expect(await seen.json()).toEqual({ lastSeenVersion: '1.10.0' });
  });

  it('serves an Atom feed of the published entries with sanitised HTML content', async () => {
    const created = await call('POST', '/v1/changelog/entries', {
      token: adminToken,
      body: { ...entry('3.0.0'), body: 'Safe <b>bold</b> <script>alert(1)</script> & more' },
    });
    expect(created.status).toBe(200);
    await call('POST', '/v1/changelog/entries/v3.0.0/publish', { token: adminToken, body: {} });
    const feed = await call('GET', '/v1/changelog/feed.atom');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(
      xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'),
    ).toBe(true);
    const titles = [...xml.matchAll(/<entry>\s*<id>[^<]+<\/id>\s*<title>([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      '3.0.0: Release 3.0.0',
      '1.11.0-beta.1: Release 1.11.0-beta.1',
      '1.10.0: Release 1.10.0',
      '1.9.0: Release 1.9.0',
    ]);
    // The HTML is escaped into the document once: no raw markup, no script at all.
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('alert(1)');
    expect(xml).toContain('&lt;p&gt;Safe bold  &amp;amp; more&lt;/p&gt;');
    expect((await call('GET', '/v1/changelog/feed.atom?product=nope')).status).toBe(404);
  });
});
