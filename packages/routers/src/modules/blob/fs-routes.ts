import { Readable } from 'node:stream';
import type { BlobStore } from '@bytelyst/db/blob';
import {
  contentDisposition,
  DEFAULT_CONTENT_TYPE,
  isPublicBlobContainer,
  mediaType,
} from '@bytelyst/db/blob';
import { verifyFsBlobSignature, verifyFsBlobUploadSignature } from '@bytelyst/db/blob-fs';
import type { Clock } from '@bytelyst/db/document-store';
import { defineRoute, type HttpRoute, type HttpRouteReply } from '../../http-route';
import { IMMUTABLE_CACHE_CONTROL, matchesEtag } from '../../lib/http-cache';

export const BLOBS_PREFIX = '/blobs/';

/** Ceiling for any signed upload through these routes, whatever its grant says (bodies stream to disk). */
export const FS_UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024 * 1024;

type Target = { container: string; key: string };

/** `/blobs/<container>/<k/e/y>` from the raw URL, each key segment decoded once (as the driver encoded it). */
const parseTarget = (url: string): Target | undefined => {
  const path = (url.split('?')[0] ?? '').slice(BLOBS_PREFIX.length);
  const [container, ...segments] = path.split('/');
  if (!container || segments.length === 0) return undefined;
  try {
    return { container, key: segments.map((segment) => decodeURIComponent(segment)).join('/') };
  } catch {
    return undefined;
  }
};

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const refuse = (status: number, code: string, message: string): HttpRouteReply => ({
  status,
  body: { error: { code, message } },
});
const deny = (message: string) => refuse(403, 'FORBIDDEN', message);
const tooLarge = (limit: number) =>
  refuse(413, 'PAYLOAD_TOO_LARGE', `The upload exceeds its limit of ${limit} bytes`);

class UploadTooLarge extends Error {}

/** The body as it arrives, failing with `UploadTooLarge` as soon as it goes past `limit` bytes. */
const limited = (body: unknown, limit: number): Readable => {
  if (body === undefined || body === null) return Readable.from([]);
  // Not destroyed on the way out: the route ends the request itself, so the 413 still reaches the client.
  const chunks = (body as Readable).iterator({ destroyOnReturn: false });
  return Readable.from(
    (async function* () {
      let size = 0;
      for await (const chunk of chunks as AsyncIterable<Buffer | Uint8Array>) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        size += buf.length;
        if (size > limit) throw new UploadTooLarge();
        yield buf;
      }
    })(),
  );
};

type Deps = { blob: BlobStore; clock: Clock; signingSecret: string };

/**
 * Uploads through the fs driver's signed upload URLs (`PUT /blobs/<container>/<key>?op=put&exp=&ct=&max=&sig=`):
 * public, since the signature is the grant; 403 when forged or expired, 415 when the Content-Type is not the
 * granted one, 413 past the granted size (enforced while reading: the body streams to disk).
 */
const uploadRoute = (deps: Deps): HttpRoute<'public'> =>
  defineRoute({
    method: 'PUT',
    path: `${BLOBS_PREFIX}*`,
    procedure: 'blobs.fsUpload',
    level: 'public',
    body: 'stream',
    async handle(request) {
      const target = parseTarget(request.url);
      const [op, exp, ct, max, sig] = ['op', 'exp', 'ct', 'max', 'sig'].map((name) =>
        single(request.query[name]),
      );
      if (!target || op !== 'put' || exp === undefined || ct === undefined || max === undefined || !sig) {
        return deny('Missing or malformed signature');
      }
      const checked = verifyFsBlobUploadSignature({
        signingSecret: deps.signingSecret,
        container: target.container,
        key: target.key,
        exp,
        contentType: ct,
        maxBytes: max,
        sig,
        now: deps.clock(),
      });
      if (checked.verdict === 'expired') return deny('This link has expired');
      if (checked.verdict !== 'ok') return deny('Invalid signature');
      const { grant } = checked;
      const contentType = single(request.headers['content-type']) ?? DEFAULT_CONTENT_TYPE;
      if (grant.contentType !== '' && mediaType(contentType) !== mediaType(grant.contentType)) {
        return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `This upload must be ${grant.contentType}`);
      }
      const limit =
        grant.maxBytes < 0 ? FS_UPLOAD_LIMIT_BYTES : Math.min(grant.maxBytes, FS_UPLOAD_LIMIT_BYTES);
      if (Number(request.headers['content-length'] ?? 0) > limit) return tooLarge(limit);
      try {
        const info = await deps.blob.putStream(target.container, target.key, limited(request.body, limit), {
          contentType: grant.contentType === '' ? contentType : grant.contentType,
        });
        return {
          status: 201,
          body: { container: info.container, key: info.key, size: info.size, etag: info.etag },
        };
      } catch (error) {
        if (!(error instanceof UploadTooLarge)) throw error;
        // Stop reading a body that will be refused anyway.
        (request.body as Readable | undefined)?.destroy?.();
        return tooLarge(limit);
      }
    },
  });

/**
 * A blob of a public container (content-addressed assets) without a signature: its stored Cache-Control
 * (immutable for assets), a strong ETag of its content hash (`sha256` metadata) and 304 on `If-None-Match`.
 */
const publicAsset = async (deps: Deps, target: Target, ifNoneMatch: string | string[] | undefined) => {
  const info = await deps.blob.head(target.container, target.key);
  if (!info) return refuse(404, 'NOT_FOUND', 'Blob not found');
  const etag = `"${(info.metadata.sha256 ?? info.etag).replace(/"/g, '')}"`;
  const headers = {
    etag,
    'cache-control': info.cacheControl ?? IMMUTABLE_CACHE_CONTROL,
    'content-security-policy': "default-src 'none'; sandbox",
    // Avatars are drawn by other origins (the console, client web apps): in <img>, and read by fetch or canvases.
    'cross-origin-resource-policy': 'cross-origin',
    'access-control-allow-origin': '*',
  };
  if (matchesEtag(ifNoneMatch, etag)) return { status: 304, headers };
  const found = await deps.blob.getStream(target.container, target.key);
  if (!found) return refuse(404, 'NOT_FOUND', 'Blob not found');
  return {
    status: 200,
    headers: {
      ...headers,
      'content-type': found.info.contentType,
      'content-length': found.info.size,
      'last-modified': new Date(found.info.lastModified).toUTCString(),
    },
    body: found.stream,
  };
};

/**
 * Downloads through the fs driver's signed URLs (`GET /blobs/<container>/<key>?exp=&sig=[&dn=]`): 403 when the
 * signature is forged or expired, else the bytes streamed with their stored content type. Public containers'
 * blobs answer without a signature (`publicAsset`).
 */
const downloadRoute = (deps: Deps): HttpRoute<'public'> =>
  defineRoute({
    method: 'GET',
    path: `${BLOBS_PREFIX}*`,
    procedure: 'blobs.fsDownload',
    level: 'public',
    async handle(request) {
      const target = parseTarget(request.url);
      const exp = single(request.query.exp);
      const sig = single(request.query.sig);
      const downloadName = single(request.query.dn);
      if (target && isPublicBlobContainer(target.container) && sig === undefined) {
        return publicAsset(deps, target, request.headers['if-none-match']);
      }
      if (!target || exp === undefined || sig === undefined) return deny('Missing or malformed signature');
      const verdict = verifyFsBlobSignature({
        signingSecret: deps.signingSecret,
        container: target.container,
        key: target.key,
        exp,
        sig,
        now: deps.clock(),
        ...(downloadName === undefined ? {} : { downloadName }),
      });
      if (verdict === 'expired') return deny('This link has expired');
      if (verdict !== 'ok') return deny('Invalid signature');
      const found = await deps.blob.getStream(target.container, target.key);
      if (!found) return refuse(404, 'NOT_FOUND', 'Blob not found');
      const secondsLeft = Math.max(0, Number(exp) - Math.floor(deps.clock() / 1000));
      return {
        status: 200,
        headers: {
          'content-type': found.info.contentType,
          'content-length': found.info.size,
          etag: `"${found.info.etag.replace(/"/g, '')}"`,
          'last-modified': new Date(found.info.lastModified).toUTCString(),
          'cache-control': `private, max-age=${Math.min(secondsLeft, 3600)}`,
          // Uploaded bytes are never run as a page of this origin, whatever their content type.
          'content-security-policy': "default-src 'none'; sandbox",
          ...(downloadName === undefined ? {} : { 'content-disposition': contentDisposition(downloadName) }),
        },
        body: found.stream,
      };
    },
  });

/** The fs driver's signed URLs point at these routes; the Azure driver's point at Azure itself. */
export const fsBlobRoutes = (deps: Deps) => [uploadRoute(deps), downloadRoute(deps)];
