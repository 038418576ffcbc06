import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sidewaysJpeg } from '@bytelyst/routers/testing/images';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

type ErrorBody = { error: { code: string; fields?: { path: string; message: string }[] } };

/** Avatars and releases over a real socket: signed upload, confirm, immutable variant URLs, the manifest. */
describe('assets over HTTP (fs driver)', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';
  let userToken = '';

  /** Signed and public URLs name PUBLIC_BASE_URL; the test server listens on a free port instead. */
  const local = (url: string) => url.replace(t.env.PUBLIC_BASE_URL, base);
  const call = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(path.startsWith('http') ? path : `${base}${path}`, {
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
  /** Signed upload URL, then the PUT to it, as a client does. */
  const upload = async (path: string, token: string, body: Buffer, meta: Record<string, unknown>) => {
    const res = await call('POST', path, { token, body: { ...meta, size: body.length } });
    expect(res.status).toBe(200);
    const signed = (await res.json()) as {
      key: string;
      upload: { url: string; headers: Record<string, string> };
    };
    const put = await fetch(local(signed.upload.url), {
      method: 'PUT',
      headers: signed.upload.headers,
      body,
    });
    expect(put.status).toBe(201);
    return signed.key;
  };

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = await login(t.admin.email, t.admin.password);
    await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
      email: 'pic@example.com',
      name: 'Pic',
      password: 'a-long-picture-password-42',
      roles: ['user'],
    });
    userToken = await login('pic@example.com', 'a-long-picture-password-42');
  });
  afterAll(async () => t.close());

  it('turns an uploaded photo into immutable variant URLs: Cache-Control, strong ETag, 304', async () => {
    const photo = await sidewaysJpeg();
    const file = { fileName: 'me.jpg', contentType: 'image/jpeg' };
    const key = await upload('/v1/avatars/me/upload-url', userToken, photo, file);
    const confirmed = await call('POST', '/v1/avatars/me/confirm', { token: userToken, body: { key } });
    expect(confirmed.status).toBe(202);
    await t.services.bus.drain();

    const me = (await (await call('GET', '/v1/auth/me', { token: userToken })).json()) as {
      avatar: { sizes: Record<string, Record<string, { webp: string; jpeg: string }>> } | null;
    };
    const url = me.avatar?.sizes['128']?.['2x']?.webp ?? '';
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:4003\/blobs\/assets\/bytelyst\/avatars\/[0-9a-f]{64}-256\.webp$/,
    );
    const res = await fetch(local(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('image/webp');
    // Embeddable by other sites (the console, client web apps), unlike the API's JSON.
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = Buffer.from(await res.arrayBuffer());
    const hash = createHash('sha256').update(body).digest('hex');
    expect(url).toContain(hash);
    expect(res.headers.get('etag')).toBe(`"${hash}"`);

    const again = await fetch(local(url), { headers: { 'if-none-match': `"${hash}"` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await again.text()).toBe('');
    // Only the public container answers without a signature.
    const unsigned = await fetch(`${base}/blobs/avatars/bytelyst/users/x/avatar-y`);
    expect(unsigned.status).toBe(403);
  });

  it('refuses a text file declared as PNG with a 400 naming the file', async () => {
    const text = Buffer.from('not a picture at all\n');
    const key = await upload('/v1/avatars/me/upload-url', userToken, text, {
      fileName: 'fake.png',
      contentType: 'image/png',
    });
    const res = await call('POST', '/v1/avatars/me/confirm', { token: userToken, body: { key } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.fields?.[0]?.path).toBe('file');
  });

  it('serves the per-platform latest manifest with ETag/304 and refuses plain users as publishers', async () => {
    const binary = Buffer.from('MZ fake windows installer bytes');
    const key = await upload('/v1/blob/upload-url', adminToken, binary, {
      container: 'releases',
      fileName: 'Setup-1.2.0.exe',
      contentType: 'application/octet-stream',
    });
    const payload = { version: '1.2.0', platform: 'windows', key, publish: true };
    expect((await call('POST', '/v1/releases', { body: payload })).status).toBe(401);
    expect((await call('POST', '/v1/releases', { token: userToken, body: payload })).status).toBe(403);
    const created = await call('POST', '/v1/releases', { token: adminToken, body: payload });
    expect(created.status).toBe(200);

    const res = await call('GET', '/v1/releases/latest?platform=windows&channel=stable');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const manifest = (await res.json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      version: '1.2.0',
      platform: 'windows',
      channel: 'stable',
      size: binary.length,
      sha256: createHash('sha256').update(binary).digest('hex'),
      sha512: createHash('sha512').update(binary).digest('base64'),
      releaseNotesUrl: null,
    });
    const download = await fetch(local(String(manifest.url)));
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await download.arrayBuffer()).equals(binary)).toBe(true);

    const cached = await call('GET', '/v1/releases/latest?platform=windows', {
      headers: { 'if-none-match': etag },
    });
    expect(cached.status).toBe(304);
    expect((await call('GET', '/v1/releases/latest?platform=linux')).status).toBe(404);
    const bad = await call('GET', '/v1/releases/latest?platform=beos');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.fields?.[0]?.path).toBe('platform');
  });
});
