import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, isStoreError } from '../document-store';
import type { BlobInfo, BlobStore } from './blob-store';
import { describeSignedUrlContract } from './blob-store-contract-signed';

export type BlobContractHarness = {
  store: BlobStore;
  close(): Promise<void>;
};

/**
 * Builds a store on the given clock. Its signed URLs must be fetchable over real HTTP: Azure's SAS URLs are
 * served by Azurite; the fs driver's by a loopback server that checks them as the API does.
 */
export type BlobContractFactory = (clock: Clock) => Promise<BlobContractHarness>;

export const expectStoreError = async (
  promise: Promise<unknown>,
  code: 'invalid' | 'precondition_failed',
) => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStoreError(error, code), `expected StoreError(${code}), got ${String(error)}`).toBe(true);
};

/** One page after another until the cursor runs out, so paging is exercised as callers use it. */
const listAll = async (store: BlobStore, container: string, prefix: string | undefined, limit: number) => {
  const pages: BlobInfo[][] = [];
  let continuation: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await store.list(container, { prefix, limit, continuation });
    pages.push(page.items);
    if (page.continuation === null) return pages;
    continuation = page.continuation;
  }
  throw new Error('list never ended');
};

export const describeBlobStoreContract = (name: string, make: BlobContractFactory): void => {
  describe(`BlobStore contract: ${name}`, () => {
    let offsetMs = 0;
    const clock: Clock = () => Date.now() + offsetMs;
    let harness: BlobContractHarness | undefined;
    const store = (): BlobStore => {
      if (harness === undefined) throw new Error('harness not started');
      return harness.store;
    };
    // A fresh container per test: also proves containers are created on first use.
    const fresh = () => `ct-${randomUUID().slice(0, 12)}`;

    beforeAll(async () => {
      harness = await make(clock);
    });
    afterAll(async () => {
      await harness?.close();
    });
    afterEach(() => {
      offsetMs = 0;
    });
    describeSignedUrlContract({
      store,
      fresh,
      setClockOffset: (ms) => {
        offsetMs = ms;
      },
    });

    it('answers ping', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    it('puts, gets, heads and deletes a blob with content type and metadata', async () => {
      const c = fresh();
      const put = await store().put(c, 'docs/readme.txt', 'hello world', {
        contentType: 'text/plain; charset=utf-8',
        metadata: { owner: 'u1', product_id: 'lysnrai' },
      });
      expect(put).toMatchObject({ container: c, key: 'docs/readme.txt', size: 11 });
      expect(put.etag).not.toBe('');
      expect(new Date(put.lastModified).toISOString()).toBe(put.lastModified);

      const got = await store().get(c, 'docs/readme.txt');
      expect(got?.body.toString('utf8')).toBe('hello world');
      const head = await store().head(c, 'docs/readme.txt');
      expect(head).toMatchObject({
        size: 11,
        contentType: 'text/plain; charset=utf-8',
        metadata: { owner: 'u1', product_id: 'lysnrai' },
        etag: put.etag,
      });
      expect(got?.info).toEqual(head);

      expect(await store().delete(c, 'docs/readme.txt')).toBe(true);
      expect(await store().get(c, 'docs/readme.txt')).toBeUndefined();
      expect(await store().head(c, 'docs/readme.txt')).toBeUndefined();
      expect(await store().delete(c, 'docs/readme.txt')).toBe(false);
    });

    it('keeps a Cache-Control given on put, and none when none was given', async () => {
      const c = fresh();
      const immutable = 'public, max-age=31536000, immutable';
      await store().put(c, 'a.bin', 'a', { cacheControl: immutable });
      await store().putStream(c, 'b.bin', Readable.from([Buffer.from('b')]), { cacheControl: immutable });
      await store().put(c, 'c.bin', 'c');
      expect((await store().head(c, 'a.bin'))?.cacheControl).toBe(immutable);
      expect((await store().head(c, 'b.bin'))?.cacheControl).toBe(immutable);
      expect((await store().get(c, 'a.bin'))?.info.cacheControl).toBe(immutable);
      expect((await store().head(c, 'c.bin'))?.cacheControl).toBeUndefined();
      await expectStoreError(store().put(c, 'd.bin', 'd', { cacheControl: 'x\ny' }), 'invalid');
    });

    it('gives unsigned URLs for public containers only', () => {
      expect(store().publicUrl('assets', 'p1/a b.webp')).toMatch(/\/assets\/p1\/a%20b\.webp$/);
      expect(store().publicUrl('assets', 'p1/x.jpg', 'https://cdn.example.test/')).toMatch(
        /^https:\/\/cdn\.example\.test\/(blobs\/)?assets\/p1\/x\.jpg$/,
      );
      expect(() => store().publicUrl('avatars', 'p1/x.jpg')).toThrow(/not public/);
    });

    it('keeps binary bodies exact, defaults the content type and accepts empty blobs', async () => {
      const c = fresh();
      const bytes = new Uint8Array(256).map((_, i) => i);
      await store().put(c, 'bin', bytes);
      const got = await store().get(c, 'bin');
      expect(got?.body.equals(Buffer.from(bytes))).toBe(true);
      expect(got?.info.contentType).toBe('application/octet-stream');
      expect(got?.info.metadata).toEqual({});
      await store().put(c, 'empty', Buffer.alloc(0));
      expect((await store().get(c, 'empty'))?.body.length).toBe(0);
      expect(await store().head(fresh(), 'never-written')).toBeUndefined();
    });

    it('puts from a stream of many chunks, with its conditions, and writes nothing when the stream fails', async () => {
      const c = fresh();
      // 9 MiB in 64 KiB chunks: more than one Azure block, and more than one fs write.
      const chunk = (i: number) => Buffer.alloc(64 * 1024, i % 251);
      const chunks = Array.from({ length: 144 }, (_, i) => chunk(i));
      const put = await store().putStream(c, 'audio/take-1.wav', Readable.from(chunks), {
        contentType: 'audio/wav',
        metadata: { owner: 'u1' },
      });
      expect(put).toMatchObject({ container: c, key: 'audio/take-1.wav', size: 144 * 64 * 1024 });
      const got = await store().get(c, 'audio/take-1.wav');
      expect(got?.body.equals(Buffer.concat(chunks))).toBe(true);
      expect(got?.info).toMatchObject({
        contentType: 'audio/wav',
        metadata: { owner: 'u1' },
        etag: put.etag,
      });

      await expectStoreError(
        store().putStream(c, 'audio/take-1.wav', Readable.from([Buffer.from('x')]), { ifNoneMatch: '*' }),
        'precondition_failed',
      );
      expect((await store().head(c, 'audio/take-1.wav'))?.etag).toBe(put.etag);

      const failure = new Error('client went away');
      const failing = Readable.from(
        (async function* () {
          yield Buffer.alloc(1024, 1);
          throw failure;
        })(),
      );
      await expect(store().putStream(c, 'audio/take-2.wav', failing)).rejects.toBe(failure);
      expect(await store().head(c, 'audio/take-2.wav')).toBeUndefined();
    });

    it('streams whole blobs and byte ranges', async () => {
      const c = fresh();
      await store().put(c, 'r.txt', 'hello world', { contentType: 'text/plain' });
      const read = async (range?: { offset: number; length?: number }) => {
        const found = await store().getStream(c, 'r.txt', range);
        const chunks: Buffer[] = [];
        for await (const chunk of found?.stream ?? []) chunks.push(Buffer.from(chunk as Uint8Array));
        return { text: Buffer.concat(chunks).toString('utf8'), size: found?.info.size };
      };
      expect(await read()).toEqual({ text: 'hello world', size: 11 });
      expect(await read({ offset: 6, length: 5 })).toEqual({ text: 'world', size: 11 });
      expect(await read({ offset: 2, length: 3 })).toEqual({ text: 'llo', size: 11 });
      expect(await read({ offset: 4 })).toEqual({ text: 'o world', size: 11 });
      expect(await store().getStream(c, 'absent')).toBeUndefined();
    });

    it('changes the etag on overwrite and honours ifMatch', async () => {
      const c = fresh();
      const first = await store().put(c, 'k', 'v1');
      const second = await store().put(c, 'k', 'v2', { ifMatch: first.etag });
      expect(second.etag).not.toBe(first.etag);
      expect((await store().head(c, 'k'))?.etag).toBe(second.etag);

      await expectStoreError(store().put(c, 'k', 'stale', { ifMatch: first.etag }), 'precondition_failed');
      expect((await store().get(c, 'k'))?.body.toString()).toBe('v2');
      await expectStoreError(store().put(c, 'absent', 'x', { ifMatch: first.etag }), 'precondition_failed');
      expect(await store().head(c, 'absent')).toBeUndefined();
    });

    it("honours ifNoneMatch '*' (create only)", async () => {
      const c = fresh();
      await store().put(c, 'once', 'first', { ifNoneMatch: '*' });
      await expectStoreError(store().put(c, 'once', 'second', { ifNoneMatch: '*' }), 'precondition_failed');
      expect((await store().get(c, 'once'))?.body.toString()).toBe('first');
    });

    it('lists by prefix, sorted by key, with metadata', async () => {
      const c = fresh();
      for (const key of ['b/1', 'a/2', 'ab', 'a/1', 'a/sub/x']) {
        await store().put(c, key, key, { metadata: { k: key }, contentType: 'text/plain' });
      }
      const keys = async (prefix?: string) => (await store().list(c, { prefix })).items.map((i) => i.key);
      expect(await keys()).toEqual(['a/1', 'a/2', 'a/sub/x', 'ab', 'b/1']);
      expect(await keys('a/')).toEqual(['a/1', 'a/2', 'a/sub/x']);
      expect(await keys('a')).toEqual(['a/1', 'a/2', 'a/sub/x', 'ab']);
      expect(await keys('a/s')).toEqual(['a/sub/x']);
      expect(await keys('zz')).toEqual([]);
      const page = await store().list(c, { prefix: 'b/' });
      expect(page.continuation).toBeNull();
      expect(page.items[0]).toMatchObject({
        key: 'b/1',
        size: 3,
        contentType: 'text/plain',
        metadata: { k: 'b/1' },
      });
      expect(await store().list(fresh())).toEqual({ items: [], continuation: null });
    });

    it('pages through a listing with no gaps and no duplicates', async () => {
      const c = fresh();
      const expected: string[] = [];
      for (let i = 0; i < 23; i++) {
        const key = `p/${String(i).padStart(3, '0')}.bin`;
        expected.push(key);
        await store().put(c, key, `#${i}`);
      }
      await store().put(c, 'q/outside', 'x');
      const pages = await listAll(store(), c, 'p/', 5);
      expect(pages.length).toBeGreaterThanOrEqual(5);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(5);
      expect(pages.flat().map((i) => i.key)).toEqual(expected);
      await expectStoreError(store().list(c, { continuation: 'not-a-cursor' }), 'invalid');
      await expectStoreError(store().list(c, { limit: 0 }), 'invalid');
    });

    it('round-trips keys with spaces and non-ASCII characters, up to 1024 characters', async () => {
      const c = fresh();
      const key = 'uploads/ünïcødé folder/file #1 (final)+%20.txt';
      await store().put(c, key, 'unicode');
      expect((await store().get(c, key))?.body.toString()).toBe('unicode');
      expect((await store().list(c, { prefix: 'uploads/ü' })).items.map((i) => i.key)).toEqual([key]);
      const long = Array.from({ length: 8 }, (_, i) => `${i}`.repeat(127)).join('/');
      expect(long.length).toBe(1023);
      await store().put(c, long, 'long');
      expect((await store().head(c, long))?.size).toBe(4);
    });

    it('rejects invalid container names, keys and options with StoreError invalid', async () => {
      const badContainers = ['ab', 'Upper', 'a_b', '-abc', 'abc-', 'a--b', 'x'.repeat(64), 'a.b', ''];
      for (const c of badContainers) {
        await expectStoreError(store().put(c, 'k', 'x'), 'invalid');
        await expectStoreError(store().get(c, 'k'), 'invalid');
        await expectStoreError(store().list(c), 'invalid');
        await expectStoreError(store().signedUrl(c, 'k', { expiresInSeconds: 60 }), 'invalid');
      }
      const c = fresh();
      const badKeys = [
        '',
        '/lead',
        '..',
        '../x',
        'a/../b',
        'a/./b',
        'a//b',
        'trail/',
        'a\\b',
        'a\nb',
        'x'.repeat(1025),
      ];
      for (const key of badKeys) {
        await expectStoreError(store().put(c, key, 'x'), 'invalid');
        await expectStoreError(store().get(c, key), 'invalid');
        await expectStoreError(store().head(c, key), 'invalid');
        await expectStoreError(store().delete(c, key), 'invalid');
        await expectStoreError(store().signedUrl(c, key, { expiresInSeconds: 60 }), 'invalid');
      }
      await expectStoreError(store().put(c, 'k', 'x', { metadata: { 'Bad-Name': 'v' } }), 'invalid');
      await expectStoreError(store().put(c, 'k', 'x', { metadata: { ok: 'line\nbreak' } }), 'invalid');
      await expectStoreError(store().signedUrl(c, 'k', { expiresInSeconds: 0 }), 'invalid');
      expect(await store().list(c)).toEqual({ items: [], continuation: null });
      // Valid at the edges.
      await store().put('abc', 'k', 'x');
      await store().put(`a-${'b'.repeat(61)}`, 'k', 'x');
    });
  });
};
