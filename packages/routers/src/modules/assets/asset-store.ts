import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ASSETS_BLOB_CONTAINER, type BlobStore } from '@bytelyst/db/blob';
import { IMMUTABLE_CACHE_CONTROL } from '../../lib/http-cache';

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes bytes under a key that names their sha256, with the immutable Cache-Control and the hash as metadata
 * (the fs route's strong ETag). The same bytes always land on the same key, so a key that exists is left as it
 * is: rewriting it would change nothing but its etag.
 */
export const putImmutable = async (
  blob: BlobStore,
  key: string,
  bytes: Buffer,
  opts: { contentType: string; sha256: string },
): Promise<void> => {
  if (await blob.head(ASSETS_BLOB_CONTAINER, key)) return;
  await blob.put(ASSETS_BLOB_CONTAINER, key, bytes, {
    contentType: opts.contentType,
    cacheControl: IMMUTABLE_CACHE_CONTROL,
    metadata: { sha256: opts.sha256 },
  });
};

/** sha256 and sha512 of a stream in one pass, with its size: what an updater checks a download against. */
export const digestStream = async (stream: Readable) => {
  const s256 = createHash('sha256');
  const s512 = createHash('sha512');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    s256.update(chunk);
    s512.update(chunk);
    size += chunk.length;
  }
  return { sha256: s256.digest('hex'), sha512: s512.digest('base64'), size };
};

/** Like `putImmutable`, streamed (release binaries run to gigabytes). */
export const putImmutableStream = async (
  blob: BlobStore,
  key: string,
  open: () => Promise<Readable>,
  opts: { contentType: string; sha256: string },
): Promise<void> => {
  if (await blob.head(ASSETS_BLOB_CONTAINER, key)) return;
  await blob.putStream(ASSETS_BLOB_CONTAINER, key, await open(), {
    contentType: opts.contentType,
    cacheControl: IMMUTABLE_CACHE_CONTROL,
    metadata: { sha256: opts.sha256 },
  });
};
