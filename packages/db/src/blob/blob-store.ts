import type { Readable } from 'node:stream';
import { StoreError } from '../document-store';

/**
 * Binary objects (uploads, exports, avatars) by container and key, with signed expiring download URLs.
 * Drivers: `fs` (default, files under a root folder) and `azure` (Azure Blob Storage), proven by one contract suite.
 * Every method throws `StoreError('invalid')` on an invalid container name, key, metadata or option.
 */
export type BlobInfo = {
  container: string;
  key: string;
  /** Size of the whole blob in bytes (also for ranged reads). */
  size: number;
  contentType: string;
  /** Opaque; changes on every write; pass it back as `ifMatch`. */
  etag: string;
  /** ISO 8601. */
  lastModified: string;
  metadata: Record<string, string>;
  /** The Cache-Control stored with the blob (`PutOptions.cacheControl`), when one was given. */
  cacheControl?: string;
};

export type PutOptions = {
  /** Default `application/octet-stream`. */
  contentType?: string;
  /** Stored with the blob and sent with it: Azure's `x-ms-blob-cache-control`, the fs sidecar. */
  cacheControl?: string;
  /** Keys: lowercase identifiers (`[a-z_][a-z0-9_]*`); values: printable ASCII; 8 KiB in all. */
  metadata?: Record<string, string>;
  /** Write only when the stored etag equals this; otherwise `precondition_failed` (also when absent). */
  ifMatch?: string;
  /** `'*'`: write only when the blob does not exist yet; otherwise `precondition_failed`. */
  ifNoneMatch?: '*';
};

/** Byte range of a read: `offset` from 0, `length` bytes (to the end when omitted). */
export type BlobRange = { offset: number; length?: number };

export type ListOptions = {
  prefix?: string;
  /** Page size, 1..5000; default 1000. */
  limit?: number;
  /** Opaque cursor from a previous page's `continuation`. */
  continuation?: string;
};

export type SignedUrlOptions = {
  /** Lifetime of the URL from now (injected clock), 1 s .. 365 days. */
  expiresInSeconds: number;
  /** File name the browser saves the download under (Content-Disposition: attachment). */
  downloadName?: string;
};

export type SignedUploadOptions = {
  /** Lifetime of the URL from now (injected clock), 1 s .. 7 days. */
  expiresInSeconds: number;
  /** The Content-Type the upload must carry (the fs driver refuses others; Azure stores what is sent). */
  contentType?: string;
  /** Largest body accepted, in bytes (enforced by the fs route; Azure SAS cannot limit size). */
  maxBytes?: number;
};

/** How to upload: send the body with `method` to `url`, with exactly these `headers`. */
export type SignedUpload = {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  /** ISO 8601. */
  expiresAt: string;
};

export type BlobStore = {
  readonly driver: 'fs' | 'azure';
  /** Creates or overwrites; the container is created on first use. */
  put(
    container: string,
    key: string,
    body: Buffer | Uint8Array | string,
    opts?: PutOptions,
  ): Promise<BlobInfo>;
  /**
   * `put` from a stream, never holding the whole body in memory; nothing is written unless the stream ends
   * cleanly, and an error the stream fails with is thrown as it is (so a caller's size limit stays its own).
   */
  putStream(container: string, key: string, body: Readable, opts?: PutOptions): Promise<BlobInfo>;
  /** Undefined when absent. */
  get(container: string, key: string): Promise<{ body: Buffer; info: BlobInfo } | undefined>;
  getStream(
    container: string,
    key: string,
    range?: BlobRange,
  ): Promise<{ stream: Readable; info: BlobInfo } | undefined>;
  head(container: string, key: string): Promise<BlobInfo | undefined>;
  /** False when absent. */
  delete(container: string, key: string): Promise<boolean>;
  /** Sorted by key. */
  list(container: string, opts?: ListOptions): Promise<{ items: BlobInfo[]; continuation: string | null }>;
  /** A read-only URL for one blob that stops working after `expiresInSeconds`. */
  signedUrl(container: string, key: string, opts: SignedUrlOptions): Promise<string>;
  /**
   * The unsigned, permanent URL of a blob in a public container (`PUBLIC_BLOB_CONTAINERS`): fs
   * `<publicBaseUrl>/blobs/<container>/<key>`, Azure `<account url>/<container>/<key>`. `baseUrl` replaces the
   * origin part (a CDN in front of the API or of the account).
   */
  publicUrl(container: string, key: string, baseUrl?: string): string;
  /** A URL that lets its holder create or overwrite one blob (and nothing else) until it expires. */
  signedUploadUrl(container: string, key: string, opts: SignedUploadOptions): Promise<SignedUpload>;
  /** Resolves when the backing storage answers; throws `StoreError('unavailable')` otherwise. */
  ping(): Promise<void>;
  close?(): Promise<void>;
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Containers whose blobs anyone may read without a signature: content-addressed assets (avatar variants, release
 * binaries), whose keys carry the hash of their bytes. Azure creates them with blob-level public read access; the
 * fs driver's route serves them unsigned.
 */
export const ASSETS_BLOB_CONTAINER = 'assets';
export const PUBLIC_BLOB_CONTAINERS: readonly string[] = [ASSETS_BLOB_CONTAINER];
export const isPublicBlobContainer = (container: string): boolean =>
  PUBLIC_BLOB_CONTAINERS.includes(container);

/** `a b/c` -> `a%20b/c`: each key segment encoded once, as both drivers' URLs carry it. */
export const encodeBlobKey = (key: string): string => key.split('/').map(encodeURIComponent).join('/');
export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 5000;
const MAX_KEY_LENGTH = 1024;
const MAX_METADATA_BYTES = 8192;
const MAX_EXPIRY_SECONDS = 365 * 24 * 60 * 60;
const MAX_UPLOAD_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

const hasControlCharacter = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

const invalid = (message: string): never => {
  throw new StoreError('invalid', message);
};

/** Azure's rules: 3-63 chars of lowercase letters, digits and single hyphens, starting and ending alphanumeric. */
export const assertContainerName = (container: string): void => {
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(container)) {
    invalid(`invalid blob container name: ${JSON.stringify(container)}`);
  }
};

/**
 * Keys are `/`-separated paths: 1..1024 chars, no leading `/`, no empty, `.` or `..` segments, segments of at
 * most 250 bytes, no backslash, no control characters. The fs driver maps them to files, so this is what keeps writes inside its root.
 */
export const assertBlobKey = (key: string): void => {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    invalid('blob key must be 1..1024 characters');
  }
  if (key.includes('\\') || hasControlCharacter(key)) {
    invalid(`invalid character in blob key: ${JSON.stringify(key)}`);
  }
  for (const segment of key.split('/')) {
    // File names stop at 255 bytes; 250 leaves room for the fs driver's `.json` sidecar suffix.
    if (segment === '' || segment === '.' || segment === '..' || Buffer.byteLength(segment) > 250) {
      invalid(`invalid blob key: ${JSON.stringify(key)}`);
    }
  }
};

export const assertPutOptions = (opts: PutOptions | undefined): void => {
  if (opts?.contentType !== undefined && !/^[\x21-\x7e][\x20-\x7e]*$/.test(opts.contentType)) {
    invalid('invalid content type');
  }
  if (opts?.cacheControl !== undefined && !/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(opts.cacheControl)) {
    invalid('invalid cache control');
  }
  if (opts?.ifNoneMatch !== undefined && opts.ifNoneMatch !== '*') invalid("ifNoneMatch must be '*'");
  if (opts?.ifMatch !== undefined && (opts.ifMatch === '' || opts.ifMatch === '*')) {
    invalid('ifMatch must be an etag');
  }
  let bytes = 0;
  for (const [name, value] of Object.entries(opts?.metadata ?? {})) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) invalid(`invalid metadata name: ${JSON.stringify(name)}`);
    if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value) || value.trim() !== value) {
      invalid(`invalid metadata value for ${name}`);
    }
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) invalid('metadata exceeds 8 KiB');
};

export const assertListOptions = (opts: ListOptions | undefined): number => {
  const limit = opts?.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) invalid('limit must be 1..5000');
  if (opts?.prefix !== undefined && (typeof opts.prefix !== 'string' || opts.prefix.includes('\\'))) {
    invalid('invalid prefix');
  }
  return limit;
};

export const assertRange = (range: BlobRange | undefined): void => {
  if (range === undefined) return;
  if (!Number.isSafeInteger(range.offset) || range.offset < 0) invalid('range offset must be >= 0');
  if (range.length !== undefined && (!Number.isSafeInteger(range.length) || range.length < 1)) {
    invalid('range length must be >= 1');
  }
};

export const assertSignedUrlOptions = (opts: SignedUrlOptions): void => {
  const s = opts.expiresInSeconds;
  if (!Number.isInteger(s) || s < 1 || s > MAX_EXPIRY_SECONDS)
    invalid('expiresInSeconds must be 1..31536000');
  const name = opts.downloadName;
  // Control characters would let a name inject header lines; slashes are no part of a file name.
  if (
    name !== undefined &&
    (name.length === 0 || name.length > 255 || hasControlCharacter(name) || /[/\\]/.test(name))
  ) {
    invalid('invalid downloadName');
  }
};

export const assertSignedUploadOptions = (opts: SignedUploadOptions): void => {
  const s = opts.expiresInSeconds;
  if (!Number.isInteger(s) || s < 1 || s > MAX_UPLOAD_EXPIRY_SECONDS)
    invalid('expiresInSeconds must be 1..604800');
  if (opts.contentType !== undefined && !/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(opts.contentType)) {
    invalid('invalid content type');
  }
  if (opts.maxBytes !== undefined && (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes < 0)) {
    invalid('maxBytes must be a non-negative integer');
  }
};

/** The media type alone, lowercased: `Text/Plain; charset=utf-8` -> `text/plain`. */
export const mediaType = (contentType: string): string =>
  (contentType.split(';')[0] ?? '').trim().toLowerCase();

export const toBuffer = (body: Buffer | Uint8Array | string): Buffer => {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
};

/** RFC 6266 `attachment` header with an ASCII fallback and the UTF-8 name; used by both drivers' downloads. */
export const contentDisposition = (downloadName: string): string => {
  const ascii = downloadName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(downloadName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

/** Opaque list cursors: base64url JSON, so callers cannot depend on a driver's token format. */
export const encodeCursor = (value: string): string =>
  Buffer.from(JSON.stringify({ c: value })).toString('base64url');

export const decodeCursor = (cursor: string): string => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'c' in parsed && typeof parsed.c === 'string') {
      return parsed.c;
    }
  } catch {
    // fall through to the StoreError below
  }
  return invalid('invalid list continuation');
};
