import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, isStoreError } from '../document-store';
import type { BlobStore } from './blob-store';
import { contentDisposition, mediaType } from './blob-store';
import { describeBlobStoreContract } from './blob-store-contract';
import { createFsBlobStore, verifyFsBlobSignature, verifyFsBlobUploadSignature } from './fs-blob-store';

const SECRET = 'test-signing-secret-0123456789';

/** Accepts `PUT /blobs/<container>/<key>?op=put&...` the way the API route does: signature, type and size. */
const acceptUpload = (
  getStore: () => BlobStore,
  clock: Clock,
  req: IncomingMessage,
  res: ServerResponse,
  target: { container: string; key: string; url: URL },
): void => {
  const q = target.url.searchParams;
  const checked = verifyFsBlobUploadSignature({
    signingSecret: SECRET,
    container: target.container,
    key: target.key,
    exp: q.get('exp') ?? '',
    contentType: q.get('ct') ?? '',
    maxBytes: q.get('max') ?? '',
    sig: q.get('sig') ?? '',
    now: clock(),
  });
  if (checked.verdict !== 'ok') return void res.writeHead(403).end(checked.verdict);
  const { grant } = checked;
  const contentType = req.headers['content-type'] ?? 'application/octet-stream';
  if (grant.contentType !== '' && mediaType(contentType) !== mediaType(grant.contentType)) {
    return void res.writeHead(415).end();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (grant.maxBytes >= 0 && size > grant.maxBytes) return void res.writeHead(413).end();
    getStore()
      .put(target.container, target.key, Buffer.concat(chunks), { contentType })
      .then(() => res.writeHead(201).end())
      .catch(() => res.writeHead(500).end());
  });
};

/** Serves `GET /blobs/<container>/<key>?exp=&sig=[&dn=]` (and signed PUTs) the way the API route does, on loopback. */
const serveSignedBlobs = async (getStore: () => BlobStore, clock: Clock): Promise<Server> => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, prefix, container = '', ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    if (req.method === 'PUT' && prefix === 'blobs')
      return acceptUpload(getStore, clock, req, res, { container, key, url });
    const dn = url.searchParams.get('dn') ?? undefined;
    const verdict = verifyFsBlobSignature({
      signingSecret: SECRET,
      container,
      key,
      exp: url.searchParams.get('exp') ?? '',
      sig: url.searchParams.get('sig') ?? '',
      downloadName: dn,
      now: clock(),
    });
    if (prefix !== 'blobs' || verdict !== 'ok') {
      res.writeHead(403).end(verdict);
      return;
    }
    getStore()
      .getStream(container, key)
      .then((found) => {
        if (found === undefined) return void res.writeHead(404).end();
        res.writeHead(200, {
          'content-type': found.info.contentType,
          'content-length': found.info.size,
          ...(dn === undefined ? {} : { 'content-disposition': contentDisposition(dn) }),
        });
        found.stream.pipe(res);
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};

describeBlobStoreContract('fs', async (clock) => {
  const root = await mkdtemp(join(tmpdir(), 'blob-fs-contract-'));
  let store: BlobStore | undefined;
  const server = await serveSignedBlobs(() => {
    if (store === undefined) throw new Error('store not ready');
    return store;
  }, clock);
  const { port } = server.address() as AddressInfo;
  store = createFsBlobStore({
    root,
    signingSecret: SECRET,
    publicBaseUrl: `http://127.0.0.1:${port}/`,
    clock,
  });
  return {
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('fs blob store specifics', () => {
  let base = '';
  let root = '';
  let store: BlobStore;
  let now = Date.UTC(2026, 0, 1);
  const clock: Clock = () => now;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'blob-fs-'));
    root = join(base, 'root');
    store = createFsBlobStore({
      root,
      signingSecret: SECRET,
      publicBaseUrl: 'https://api.example.test',
      clock,
    });
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('ping fails as unavailable when the root cannot be a writable folder', async () => {
    const blocked = join(base, 'a-file');
    await writeFile(blocked, 'not a folder');
    const unusable = createFsBlobStore({
      root: join(blocked, 'root'),
      signingSecret: SECRET,
      publicBaseUrl: 'https://api.example.test',
      clock,
    });
    try {
      await expect(unusable.ping()).rejects.toMatchObject({ code: 'unavailable' });
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      // The next test counts what lies in base.
      await rm(blocked);
    }
  });

  it('stores files under root/<container>/<key> and leaves no temp files', async () => {
    const info = await store.put('avatars', 'u1/photo.png', 'png-bytes', { contentType: 'image/png' });
    expect(await readFile(join(root, 'avatars', 'u1', 'photo.png'), 'utf8')).toBe('png-bytes');
    expect(info.lastModified).toBe('2026-01-01T00:00:00.000Z');
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put('avatars', 'u1/photo.png', `v${i}`)));
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
    expect((await store.get('avatars', 'u1/photo.png'))?.body.toString()).toMatch(/^v\d$/);
  });

  it('never reads or writes outside its root', async () => {
    await mkdir(join(base, 'outside'), { recursive: true });
    await writeFile(join(base, 'outside', 'secret.txt'), 'secret');
    for (const key of [
      '../outside/secret.txt',
      '../../etc/passwd',
      '/etc/passwd',
      'a/../../outside/x',
      '..\\x',
    ]) {
      for (const op of [() => store.get('avatars', key), () => store.put('avatars', key, 'pwned')]) {
        const error = await op().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isStoreError(error, 'invalid')).toBe(true);
      }
    }
    // Encoded dots are an ordinary file name, inside the container.
    await store.put('avatars', '%2e%2e/x', 'literal');
    expect(await readFile(join(root, 'avatars', '%2e%2e', 'x'), 'utf8')).toBe('literal');
    expect((await store.list('avatars', { prefix: '../outside/' })).items).toEqual([]);
    expect((await store.list('avatars', { prefix: '../' })).items).toEqual([]);
    expect(await readdir(join(base, 'outside'))).toEqual(['secret.txt']);
    expect(await readdir(base)).toEqual(expect.arrayContaining(['outside', 'root']));
    expect((await readdir(base)).length).toBe(2);
  });

  it('describes a file placed without a sidecar and refuses a key that is also a folder', async () => {
    await mkdir(join(root, 'imports'), { recursive: true });
    await writeFile(join(root, 'imports', 'raw.bin'), 'raw');
    expect(await store.head('imports', 'raw.bin')).toMatchObject({
      size: 3,
      contentType: 'application/octet-stream',
    });
    await store.put('imports', 'dir/file', 'x');
    const error = await store.put('imports', 'dir', 'y').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStoreError(error, 'conflict')).toBe(true);
    expect(await store.delete('imports', 'dir/file')).toBe(true);
    expect(await readdir(join(root, 'imports'))).toEqual(['raw.bin']);
  });

  it('signs URLs that verifyFsBlobSignature accepts until they expire', async () => {
    const url = new URL(
      await store.signedUrl('avatars', 'u1/photo.png', { expiresInSeconds: 600, downloadName: 'me.png' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://api.example.test/blobs/avatars/u1/photo.png');
    const exp = url.searchParams.get('exp') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    expect(Number(exp)).toBe(now / 1000 + 600);
    const input = {
      signingSecret: SECRET,
      container: 'avatars',
      key: 'u1/photo.png',
      exp,
      sig,
      downloadName: 'me.png',
    };
    expect(verifyFsBlobSignature({ ...input, now })).toBe('ok');
    expect(verifyFsBlobSignature({ ...input, now: now + 599_000 })).toBe('ok');
    expect(verifyFsBlobSignature({ ...input, now: now + 600_000 })).toBe('expired');
    expect(
      verifyFsBlobSignature({ ...input, sig: `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, now }),
    ).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, sig: `${sig.slice(0, 5)}`, now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, downloadName: 'evil.exe', now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, downloadName: undefined, now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, key: 'u1/other.png', now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, exp: String(Number(exp) + 3600), now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, exp: '1e12', now })).toBe('invalid');
    expect(verifyFsBlobSignature({ ...input, signingSecret: 'other-secret', now })).toBe('invalid');
    now += 3_600_000;
    expect(verifyFsBlobSignature({ ...input, now })).toBe('expired');
  });

  it('signs upload grants that bind key, expiry, content type and size limit', async () => {
    const up = await store.signedUploadUrl('avatars', 'users/u1/a.png', {
      expiresInSeconds: 900,
      contentType: 'image/png',
      maxBytes: 5_000_000,
    });
    const url = new URL(up.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.example.test/blobs/avatars/users/u1/a.png');
    expect(up.headers).toEqual({ 'content-type': 'image/png' });
    expect(up.expiresAt).toBe(new Date(now + 900_000).toISOString());
    const q = (name: string) => url.searchParams.get(name) ?? '';
    const input = {
      signingSecret: SECRET,
      container: 'avatars',
      key: 'users/u1/a.png',
      exp: q('exp'),
      contentType: q('ct'),
      maxBytes: q('max'),
      sig: q('sig'),
      now,
    };
    expect(verifyFsBlobUploadSignature(input)).toEqual({
      verdict: 'ok',
      grant: {
        container: 'avatars',
        key: 'users/u1/a.png',
        exp: now / 1000 + 900,
        contentType: 'image/png',
        maxBytes: 5_000_000,
      },
    });
    expect(verifyFsBlobUploadSignature({ ...input, maxBytes: '50000000' }).verdict).toBe('invalid');
    expect(verifyFsBlobUploadSignature({ ...input, contentType: 'text/html' }).verdict).toBe('invalid');
    expect(verifyFsBlobUploadSignature({ ...input, key: 'users/u2/a.png' }).verdict).toBe('invalid');
    expect(verifyFsBlobUploadSignature({ ...input, now: now + 900_000 }).verdict).toBe('expired');
    // A download signature for the same blob is no upload grant.
    const down = new URL(await store.signedUrl('avatars', 'users/u1/a.png', { expiresInSeconds: 900 }));
    expect(verifyFsBlobUploadSignature({ ...input, sig: down.searchParams.get('sig') ?? '' }).verdict).toBe(
      'invalid',
    );
    const unlimited = new URL((await store.signedUploadUrl('avatars', 'k', { expiresInSeconds: 60 })).url);
    expect([unlimited.searchParams.get('ct'), unlimited.searchParams.get('max')]).toEqual(['', '-1']);
  });
});
