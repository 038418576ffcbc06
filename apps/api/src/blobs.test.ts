import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
  await t.blob.put('exports', 'reports/2026/summary.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
});
afterAll(async () => {
  await t.close();
});

/** The signature with its last two characters changed: always a different signature, never the same one. */
const tamperedSig = (sig: string | null) => {
  const value = sig ?? '';
  return `${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
};

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('GET /blobs/* (fs driver signed URLs)', () => {
  it('serves a genuine URL with the stored content type', async () => {
    const url = await t.blob.signedUrl('exports', 'reports/2026/summary.csv', { expiresInSeconds: 60 });
    expect(url.startsWith(`${t.env.PUBLIC_BASE_URL}/blobs/exports/`)).toBe(true);
    const res = await t.app.inject({ url: pathOf(url) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-length']).toBe('8');
    expect(res.payload).toBe('a,b\n1,2\n');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  it('sets the download name when the URL carries one', async () => {
    const url = await t.blob.signedUrl('exports', 'reports/2026/summary.csv', {
      expiresInSeconds: 60,
      downloadName: 'Summary 2026.csv',
    });
    const res = await t.app.inject({ url: pathOf(url) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['content-disposition']).toContain('Summary 2026.csv');
  });

  it('refuses tampered URLs with 403', async () => {
    const url = new URL(
      await t.blob.signedUrl('exports', 'reports/2026/summary.csv', { expiresInSeconds: 60 }),
    );
    const otherKey = new URL(url);
    otherKey.pathname = '/blobs/exports/reports/2026/other.csv';
    const laterExp = new URL(url);
    laterExp.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    const badSig = new URL(url);
    badSig.searchParams.set('sig', tamperedSig(url.searchParams.get('sig')));
    const withName = new URL(url);
    withName.searchParams.set('dn', 'evil.html');
    const noSig = new URL(url);
    noSig.searchParams.delete('sig');
    for (const tampered of [otherKey, laterExp, badSig, withName, noSig]) {
      const res = await t.app.inject({ url: pathOf(tampered.toString()) });
      expect(res.statusCode, tampered.toString()).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const garbage = await t.app.inject({ url: '/blobs/%E0%A4%A/x?exp=1&sig=2' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('refuses an expired URL with 403 once the clock passes exp', async () => {
    const url = await t.blob.signedUrl('exports', 'reports/2026/summary.csv', { expiresInSeconds: 60 });
    expect((await t.app.inject({ url: pathOf(url) })).statusCode).toBe(200);
    t.clock.advance(61_000);
    const res = await t.app.inject({ url: pathOf(url) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { message: 'This link has expired' } });
  });

  it('is 404 for a genuine URL of a deleted blob', async () => {
    await t.blob.put('exports', 'gone.txt', 'bye');
    const url = await t.blob.signedUrl('exports', 'gone.txt', { expiresInSeconds: 60 });
    await t.blob.delete('exports', 'gone.txt');
    const res = await t.app.inject({ url: pathOf(url) });
    expect(res.statusCode).toBe(404);
  });
});

describe('PUT /blobs/* (fs driver signed upload URLs)', () => {
  const upload = async (
    up: { url: string; headers: Record<string, string> },
    payload: string | Buffer,
    headers: Record<string, string> = up.headers,
  ) => t.app.inject({ method: 'PUT', url: pathOf(up.url), headers, payload });

  it('stores the upload; a signed GET then returns the same bytes', async () => {
    const up = await t.blob.signedUploadUrl('avatars', 'users/u1/me.png', {
      expiresInSeconds: 300,
      contentType: 'image/png',
      maxBytes: 1024,
    });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const res = await upload(up, bytes);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ container: 'avatars', key: 'users/u1/me.png', size: 8 });
    const url = await t.blob.signedUrl('avatars', 'users/u1/me.png', { expiresInSeconds: 60 });
    const got = await t.app.inject({ url: pathOf(url) });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('accepts any type and size up to the route ceiling when the grant names none', async () => {
    const up = await t.blob.signedUploadUrl('attachments', 'free/notes.txt', { expiresInSeconds: 60 });
    const res = await upload(up, 'free text', { 'content-type': 'text/plain; charset=utf-8' });
    expect(res.statusCode).toBe(201);
    expect((await t.blob.head('attachments', 'free/notes.txt'))?.contentType).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it('refuses tampered grants and download signatures with 403, writing nothing', async () => {
    const up = await t.blob.signedUploadUrl('avatars', 'users/u1/x.png', {
      expiresInSeconds: 300,
      contentType: 'image/png',
      maxBytes: 10,
    });
    const base = new URL(up.url);
    const variants = [
      (u: URL) => u.searchParams.set('max', '100000000'),
      (u: URL) => u.searchParams.set('ct', 'text/html'),
      (u: URL) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600)),
      (u: URL) => {
        u.pathname = '/blobs/avatars/users/u2/x.png';
      },
      (u: URL) => u.searchParams.set('sig', tamperedSig(u.searchParams.get('sig'))),
      (u: URL) => u.searchParams.delete('op'),
    ];
    for (const change of variants) {
      const u = new URL(base);
      change(u);
      const res = await upload({ ...up, url: u.toString() }, 'png');
      expect(res.statusCode, u.toString()).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const download = await t.blob.signedUrl('avatars', 'users/u1/x.png', { expiresInSeconds: 60 });
    expect((await upload({ ...up, url: download }, 'png')).statusCode).toBe(403);
    expect(await t.blob.head('avatars', 'users/u1/x.png')).toBeUndefined();
    expect(await t.blob.head('avatars', 'users/u2/x.png')).toBeUndefined();
  });

  it('refuses an expired grant with 403', async () => {
    const up = await t.blob.signedUploadUrl('avatars', 'users/u1/late.png', { expiresInSeconds: 30 });
    t.clock.advance(31_000);
    const res = await upload(up, 'late');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { message: 'This link has expired' } });
    expect(await t.blob.head('avatars', 'users/u1/late.png')).toBeUndefined();
  });

  it('refuses a body over the granted size with 413 and another content type with 415', async () => {
    const up = await t.blob.signedUploadUrl('avatars', 'users/u1/big.png', {
      expiresInSeconds: 300,
      contentType: 'image/png',
      maxBytes: 16,
    });
    const big = await upload(up, Buffer.alloc(17, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await upload(up, Buffer.alloc(16, 1))).statusCode).toBe(201);
    const html = await upload(up, '<script>', { 'content-type': 'text/html' });
    expect(html.statusCode).toBe(415);
    const none = await upload(up, 'x', {});
    expect(none.statusCode).toBe(415);
    expect((await t.blob.get('avatars', 'users/u1/big.png'))?.body.length).toBe(16);
  });

  it('stops reading a streamed body without Content-Length once it passes the limit', async () => {
    const up = await t.blob.signedUploadUrl('avatars', 'users/u1/stream.png', {
      expiresInSeconds: 300,
      contentType: 'image/png',
      maxBytes: 1000,
    });
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(100, 7));
    const res = await t.app.inject({
      method: 'PUT',
      url: pathOf(up.url),
      headers: { 'content-type': 'image/png' },
      payload: Readable.from(chunks),
    });
    expect(res.statusCode).toBe(413);
    expect(await t.blob.head('avatars', 'users/u1/stream.png')).toBeUndefined();
  });
});
