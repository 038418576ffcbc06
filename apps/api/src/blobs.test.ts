import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
  await t.blob.put('exports', 'reports/2026/summary.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
});
afterAll(async () => {
  await t.close();
});

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
    badSig.searchParams.set('sig', `${url.searchParams.get('sig')?.slice(0, -2)}AA`);
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
    expect([400, 403]).toContain(garbage.statusCode);
    expect(garbage.json()).toHaveProperty('error.code');
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
