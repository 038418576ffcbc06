import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent, constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Clock, StoreError, systemClock } from '../document-store';
import {
  assertBlobKey,
  assertContainerName,
  assertListOptions,
  assertPutOptions,
  assertRange,
  assertSignedUploadOptions,
  assertSignedUrlOptions,
  type BlobInfo,
  type BlobStore,
  DEFAULT_CONTENT_TYPE,
  decodeCursor,
  encodeBlobKey,
  encodeCursor,
  isPublicBlobContainer,
  type PutOptions,
  toBuffer,
} from './blob-store';
import { signFsBlob, signFsBlobUpload } from './fs-blob-signature';

export {
  type FsUploadGrant,
  type VerifyFsBlobSignatureInput,
  type VerifyFsBlobUploadInput,
  verifyFsBlobSignature,
  verifyFsBlobUploadSignature,
} from './fs-blob-signature';

export type FsBlobStoreOptions = {
  /** Blobs live in `<root>/<container>/<key>`; sidecars in `<root>/.meta`, temp files in `<root>/.tmp`. */
  root: string;
  /** HMAC key of the signed download URLs, shared with the API route that serves them. */
  signingSecret: string;
  /** Origin (and base path) of the API that serves `GET /blobs/<container>/<key>`. */
  publicBaseUrl: string;
  clock?: Clock;
};

type Sidecar = {
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  lastModified: string;
  cacheControl?: string;
};

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

const isMissing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '');

/**
 * The embedded default: one file per blob plus a JSON sidecar. Writes go to a temp file and are renamed into
 * place, so readers never see half a blob. Conditional writes are atomic within one process (a per-key lock);
 * several processes sharing one root should use the azure driver.
 */
export const createFsBlobStore = (opts: FsBlobStoreOptions): BlobStore => {
  if (opts.signingSecret.length === 0) throw new StoreError('invalid', 'fs blob store needs a signingSecret');
  const root = resolve(opts.root);
  const clock = opts.clock ?? systemClock;
  const baseUrl = opts.publicBaseUrl.replace(/\/+$/, '');
  const tmpDir = join(root, '.tmp');
  const locks = new Map<string, Promise<void>>();

  /** Path under root; the key rules already exclude traversal, this check makes it impossible by construction. */
  const inside = (...parts: string[]): string => {
    const path = resolve(root, ...parts);
    if (!path.startsWith(root + sep)) throw new StoreError('invalid', 'blob path escapes the store root');
    return path;
  };
  const dataPath = (container: string, key: string) => inside(container, ...key.split('/'));
  const metaPath = (container: string, key: string) =>
    `${inside('.meta', container, ...key.split('/'))}.json`;

  const validate = (container: string, key: string): void => {
    assertContainerName(container);
    assertBlobKey(key);
  };

  const withLock = async <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(id) ?? Promise.resolve();
    const run = previous.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    locks.set(id, tail);
    try {
      return await run;
    } finally {
      if (locks.get(id) === tail) locks.delete(id);
    }
  };

  const readInfo = async (container: string, key: string): Promise<BlobInfo | undefined> => {
    let stats: Awaited<ReturnType<typeof stat>>;
    try {
      stats = await stat(dataPath(container, key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (!stats.isFile()) return undefined;
    let sidecar: Partial<Sidecar> = {};
    try {
      sidecar = JSON.parse(await readFile(metaPath(container, key), 'utf8')) as Partial<Sidecar>;
    } catch (error) {
      // A file placed without a sidecar is still a blob, described from its stat.
      if (!isMissing(error)) throw error;
    }
    return {
      container,
      key,
      size: stats.size,
      contentType: sidecar.contentType ?? DEFAULT_CONTENT_TYPE,
      etag: sidecar.etag ?? `${stats.mtimeMs.toString(16)}-${stats.size.toString(16)}`,
      lastModified: sidecar.lastModified ?? stats.mtime.toISOString(),
      metadata: sidecar.metadata ?? {},
      ...(sidecar.cacheControl === undefined ? {} : { cacheControl: sidecar.cacheControl }),
    };
  };

  /** Removes folders left empty by a delete, up to (not including) the container folder. */
  const prune = async (from: string, stopAt: string): Promise<void> => {
    for (let dir = dirname(from); dir.startsWith(stopAt + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  };

  const walk = async (dir: string, rel: string, out: string[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const key = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), key, out);
      else if (entry.isFile()) out.push(key);
    }
  };

  const newTempFile = async (): Promise<string> => {
    await mkdir(tmpDir, { recursive: true });
    return join(tmpDir, randomUUID());
  };

  /**
   * Moves a fully written temp file into place under the key's lock, after the put's conditions hold: the body
   * is never visible half-written, and a long upload does not hold the lock while it arrives.
   */
  const commit = (
    container: string,
    key: string,
    tmpData: string,
    size: number,
    putOpts: PutOptions | undefined,
  ): Promise<BlobInfo> =>
    withLock(`${container}/${key}`, async () => {
      const tmpMeta = `${tmpData}.json`;
      try {
        const current = await readInfo(container, key);
        if (putOpts?.ifNoneMatch === '*' && current !== undefined) {
          throw new StoreError('precondition_failed', `blob ${container}/${key} exists`);
        }
        if (putOpts?.ifMatch !== undefined && current?.etag !== putOpts.ifMatch) {
          throw new StoreError('precondition_failed', `blob ${container}/${key} changed or is absent`);
        }
        const sidecar: Sidecar = {
          contentType: putOpts?.contentType ?? DEFAULT_CONTENT_TYPE,
          metadata: { ...putOpts?.metadata },
          etag: randomBytes(12).toString('hex'),
          lastModified: new Date(clock()).toISOString(),
          ...(putOpts?.cacheControl === undefined ? {} : { cacheControl: putOpts.cacheControl }),
        };
        const target = dataPath(container, key);
        const targetMeta = metaPath(container, key);
        await writeFile(tmpMeta, JSON.stringify(sidecar));
        await mkdir(dirname(target), { recursive: true });
        await mkdir(dirname(targetMeta), { recursive: true });
        await rename(tmpData, target);
        await rename(tmpMeta, targetMeta);
        return { container, key, size, ...sidecar };
      } catch (error) {
        await rm(tmpData, { force: true });
        await rm(tmpMeta, { force: true });
        if (['ENOTDIR', 'EISDIR', 'EEXIST'].includes(errorCode(error) ?? '')) {
          // `a` and `a/b` cannot both be files; blob stores allow it, this driver refuses the second.
          throw new StoreError('conflict', `blob key ${key} collides with another key's folder`, {
            cause: error,
          });
        }
        throw error;
      }
    });

  const store: BlobStore = {
    driver: 'fs',

    async put(container, key, body, putOpts) {
      validate(container, key);
      assertPutOptions(putOpts);
      const data = toBuffer(body);
      const tmpData = await newTempFile();
      try {
        await writeFile(tmpData, data);
      } catch (error) {
        await rm(tmpData, { force: true });
        throw error;
      }
      return commit(container, key, tmpData, data.length, putOpts);
    },

    async putStream(container, key, body, putOpts) {
      validate(container, key);
      assertPutOptions(putOpts);
      const tmpData = await newTempFile();
      let size = 0;
      try {
        // Written to a temp file as it arrives: memory holds one chunk, and a failing body leaves no blob.
        await pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer | Uint8Array | string>) {
            for await (const chunk of chunks) {
              const buf = toBuffer(chunk);
              size += buf.length;
              yield buf;
            }
          },
          createWriteStream(tmpData),
        );
      } catch (error) {
        await rm(tmpData, { force: true });
        throw error;
      }
      return commit(container, key, tmpData, size, putOpts);
    },

    async get(container, key) {
      validate(container, key);
      return withLock(`${container}/${key}`, async () => {
        const info = await readInfo(container, key);
        if (info === undefined) return undefined;
        try {
          return { body: await readFile(dataPath(container, key)), info };
        } catch (error) {
          if (isMissing(error)) return undefined;
          throw error;
        }
      });
    },

    async getStream(container, key, range) {
      validate(container, key);
      assertRange(range);
      return withLock(`${container}/${key}`, async () => {
        const info = await readInfo(container, key);
        if (info === undefined) return undefined;
        if (range !== undefined && range.offset > 0 && range.offset >= info.size) {
          throw new StoreError('invalid', `range starts past the end of ${container}/${key}`);
        }
        // Opened under the lock: a later rename swaps the directory entry, not the file this handle reads.
        const handle = await open(dataPath(container, key), 'r');
        const start = range?.offset ?? 0;
        const end = range?.length === undefined ? undefined : start + range.length - 1;
        return { stream: handle.createReadStream({ start, end, autoClose: true }), info };
      });
    },

    async head(container, key) {
      validate(container, key);
      return withLock(`${container}/${key}`, () => readInfo(container, key));
    },

    async delete(container, key) {
      validate(container, key);
      return withLock(`${container}/${key}`, async () => {
        if ((await readInfo(container, key)) === undefined) return false;
        const target = dataPath(container, key);
        const targetMeta = metaPath(container, key);
        await rm(target, { force: true });
        await rm(targetMeta, { force: true });
        await prune(target, inside(container));
        await prune(targetMeta, inside('.meta', container));
        return true;
      });
    },

    async list(container, listOpts) {
      assertContainerName(container);
      const limit = assertListOptions(listOpts);
      const prefix = listOpts?.prefix ?? '';
      const after = listOpts?.continuation === undefined ? undefined : decodeCursor(listOpts.continuation);
      // Walk only the prefix's folder when it is a well-formed key path; otherwise the whole container.
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      let startRel = '';
      try {
        if (folder !== '') assertBlobKey(folder);
        startRel = folder;
      } catch {
        startRel = '';
      }
      const keys: string[] = [];
      await walk(startRel === '' ? inside(container) : dataPath(container, startRel), startRel, keys);
      const page = keys
        .filter((key) => key.startsWith(prefix) && (after === undefined || key > after))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, limit + 1);
      const more = page.length > limit;
      const items: BlobInfo[] = [];
      for (const key of page.slice(0, limit)) {
        const info = await readInfo(container, key);
        if (info !== undefined) items.push(info);
      }
      const last = page[limit - 1];
      return { items, continuation: more && last !== undefined ? encodeCursor(last) : null };
    },

    async signedUrl(container, key, urlOpts) {
      validate(container, key);
      assertSignedUrlOptions(urlOpts);
      const exp = Math.floor(clock() / 1000) + urlOpts.expiresInSeconds;
      const sig = signFsBlob(opts.signingSecret, container, key, exp, urlOpts.downloadName);
      const path = key.split('/').map(encodeURIComponent).join('/');
      const dn = urlOpts.downloadName === undefined ? '' : `&dn=${encodeURIComponent(urlOpts.downloadName)}`;
      return `${baseUrl}/blobs/${container}/${path}?exp=${exp}&sig=${sig}${dn}`;
    },

    publicUrl(container, key, publicBase) {
      validate(container, key);
      if (!isPublicBlobContainer(container)) throw new StoreError('invalid', `${container} is not public`);
      return `${(publicBase ?? baseUrl).replace(/\/+$/, '')}/blobs/${container}/${encodeBlobKey(key)}`;
    },

    async signedUploadUrl(container, key, upOpts) {
      validate(container, key);
      assertSignedUploadOptions(upOpts);
      const exp = Math.floor(clock() / 1000) + upOpts.expiresInSeconds;
      const grant = {
        container,
        key,
        exp,
        contentType: upOpts.contentType ?? '',
        maxBytes: upOpts.maxBytes ?? -1,
      };
      const sig = signFsBlobUpload(opts.signingSecret, grant);
      const path = key.split('/').map(encodeURIComponent).join('/');
      const query = new URLSearchParams({
        op: 'put',
        exp: String(exp),
        ct: grant.contentType,
        max: String(grant.maxBytes),
        sig,
      });
      const headers: Record<string, string> = {};
      if (upOpts.contentType !== undefined) headers['content-type'] = upOpts.contentType;
      return {
        url: `${baseUrl}/blobs/${container}/${path}?${query.toString()}`,
        method: 'PUT',
        headers,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    },

    async ping() {
      try {
        await mkdir(root, { recursive: true });
        await access(root, fsConstants.R_OK | fsConstants.W_OK);
      } catch (error) {
        throw new StoreError('unavailable', `blob root ${root} is not writable`, { cause: error });
      }
    },

    async close() {},
  };
  return store;
};
