import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store';
import { expectStoreError } from './blob-store-contract';

/** What the signed-URL cases need of the contract suite that runs them. */
export type SignedUrlContractContext = {
  store: () => BlobStore;
  /** A container name no other case uses. */
  fresh: () => string;
  /** Moves the harness's clock by `ms` from now (0 puts it back). */
  setClockOffset: (ms: number) => void;
};

const HOUR_MS = 60 * 60 * 1000;

/** The BlobStore contract's signed download and upload URL cases, run inside `describeBlobStoreContract`. */
export const describeSignedUrlContract = (ctx: SignedUrlContractContext): void => {
  describe('signed URLs', () => {
    const fetchText = async (url: string) => {
      const res = await fetch(url);
      return {
        status: res.status,
        body: await res.text(),
        disposition: res.headers.get('content-disposition'),
      };
    };
    const tamper = (url: string): string => {
      const u = new URL(url);
      const sig = u.searchParams.get('sig') ?? '';
      u.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
      return u.toString();
    };

    it('serves the blob to anyone holding a valid URL', async () => {
      const c = ctx.fresh();
      await ctx.store().put(c, 'files/report 1.txt', 'signed body', { contentType: 'text/plain' });
      const url = await ctx.store().signedUrl(c, 'files/report 1.txt', { expiresInSeconds: 300 });
      expect(await fetchText(url)).toMatchObject({ status: 200, body: 'signed body' });
    });

    it('sets Content-Disposition when a download name is given', async () => {
      const c = ctx.fresh();
      await ctx.store().put(c, 'x.csv', 'a,b');
      const url = await ctx.store().signedUrl(c, 'x.csv', {
        expiresInSeconds: 300,
        downloadName: 'Report Q1.csv',
      });
      const res = await fetchText(url);
      expect(res).toMatchObject({ status: 200, body: 'a,b' });
      expect(res.disposition).toContain('attachment');
      expect(res.disposition).toContain('Report Q1.csv');
    });

    it('refuses a tampered signature or another key with 403', async () => {
      const c = ctx.fresh();
      await ctx.store().put(c, 'one', '1');
      await ctx.store().put(c, 'two', '2');
      const url = await ctx.store().signedUrl(c, 'one', { expiresInSeconds: 300 });
      expect((await fetchText(tamper(url))).status).toBe(403);
      expect((await fetchText(url.replace('/one?', '/two?'))).status).toBe(403);
    });

    it('refuses an expired URL with 403', async () => {
      const c = ctx.fresh();
      await ctx.store().put(c, 'old', 'x');
      ctx.setClockOffset(-HOUR_MS);
      const url = await ctx.store().signedUrl(c, 'old', { expiresInSeconds: 60 });
      ctx.setClockOffset(0);
      expect((await fetchText(url)).status).toBe(403);
    });
  });

  describe('signed upload URLs', () => {
    const upload = (u: { url: string; method: string; headers: Record<string, string> }, body: string) =>
      fetch(u.url, { method: u.method, headers: u.headers, body });

    it('lets the holder create the blob, then a signed GET returns the bytes', async () => {
      const c = ctx.fresh();
      const up = await ctx.store().signedUploadUrl(c, 'users/u1/clip 1.txt', {
        expiresInSeconds: 300,
        contentType: 'text/plain',
        maxBytes: 1024,
      });
      expect(up.method).toBe('PUT');
      expect(Date.parse(up.expiresAt)).toBeGreaterThan(Date.now());
      const res = await upload(up, 'uploaded body');
      expect(res.status).toBeLessThan(300);
      const head = await ctx.store().head(c, 'users/u1/clip 1.txt');
      expect(head).toMatchObject({ size: 13 });
      expect(head?.contentType).toContain('text/plain');
      const url = await ctx.store().signedUrl(c, 'users/u1/clip 1.txt', { expiresInSeconds: 60 });
      const got = await fetch(url);
      expect(got.status).toBe(200);
      expect(await got.text()).toBe('uploaded body');
    });

    it('grants one key only and refuses a tampered or expired URL with 403', async () => {
      const c = ctx.fresh();
      const up = await ctx.store().signedUploadUrl(c, 'mine.txt', { expiresInSeconds: 300 });
      const other = { ...up, url: up.url.replace('/mine.txt?', '/theirs.txt?') };
      expect((await upload(other, 'x')).status).toBe(403);
      const u = new URL(up.url);
      const sig = u.searchParams.get('sig') ?? '';
      u.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
      expect((await upload({ ...up, url: u.toString() }, 'x')).status).toBe(403);
      ctx.setClockOffset(-HOUR_MS);
      const old = await ctx.store().signedUploadUrl(c, 'late.txt', { expiresInSeconds: 60 });
      ctx.setClockOffset(0);
      expect((await upload(old, 'x')).status).toBe(403);
      expect(await ctx.store().head(c, 'theirs.txt')).toBeUndefined();
      expect(await ctx.store().head(c, 'late.txt')).toBeUndefined();
    });

    it('does not let a download URL write, nor an upload URL read', async () => {
      const c = ctx.fresh();
      await ctx.store().put(c, 'k.txt', 'original');
      const down = await ctx.store().signedUrl(c, 'k.txt', { expiresInSeconds: 60 });
      const write = await fetch(down, {
        method: 'PUT',
        body: 'x',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
      });
      expect(write.status).toBe(403);
      const up = await ctx.store().signedUploadUrl(c, 'k.txt', { expiresInSeconds: 60 });
      expect((await fetch(up.url)).status).toBe(403);
      expect((await ctx.store().get(c, 'k.txt'))?.body.toString()).toBe('original');
    });

    it('rejects invalid upload options with StoreError invalid', async () => {
      const c = ctx.fresh();
      await expectStoreError(ctx.store().signedUploadUrl(c, 'k', { expiresInSeconds: 0 }), 'invalid');
      await expectStoreError(ctx.store().signedUploadUrl(c, '../k', { expiresInSeconds: 60 }), 'invalid');
      await expectStoreError(
        ctx.store().signedUploadUrl('Bad_Name', 'k', { expiresInSeconds: 60 }),
        'invalid',
      );
      await expectStoreError(
        ctx.store().signedUploadUrl(c, 'k', { expiresInSeconds: 60, maxBytes: -5 }),
        'invalid',
      );
    });
  });
};
