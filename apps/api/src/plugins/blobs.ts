import { Readable } from 'node:stream';
import type { BlobStore } from '@bytelyst/db/blob';
import { contentDisposition, DEFAULT_CONTENT_TYPE, mediaType } from '@bytelyst/db/blob';
import { verifyFsBlobSignature, verifyFsBlobUploadSignature } from '@bytelyst/db/blob-fs';
import type { Clock } from '@bytelyst/db/document-store';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { describeError } from './errors';

export const BLOBS_PREFIX = '/blobs/';

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

const deny = (reply: FastifyReply, message: string) =>
  reply.code(403).send({ error: { code: 'FORBIDDEN', message } });

/** Ceiling for any signed upload through this route, whatever its grant says (bodies stream to disk). */
export const FS_UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024 * 1024;

const tooLarge = (reply: FastifyReply, limit: number) =>
  reply.code(413).send({
    error: { code: 'PAYLOAD_TOO_LARGE', message: `The upload exceeds its limit of ${limit} bytes` },
  });

class UploadTooLarge extends Error {}

/** The body as it arrives, failing with `UploadTooLarge` as soon as it goes past `limit` bytes. */
const limited = (body: unknown, limit: number): Readable => {
  if (body === undefined || body === null) return Readable.from([]);
  // Not destroyed on the way out: the handler ends the request itself, so the 413 still reaches the client.
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

/**
 * Uploads through the fs driver's signed upload URLs (`PUT /blobs/<container>/<key>?op=put&exp=&ct=&max=&sig=`):
 * 403 when forged or expired, 415 when the Content-Type is not the granted one, 413 past the granted size.
 */
const registerUploads = (
  app: FastifyInstance,
  deps: { blob: BlobStore; clock: Clock; signingSecret: string },
): void => {
  void app.register(async (scope) => {
    // The body stays a stream here, so the size limit is enforced while reading, not after buffering it all.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.put(`${BLOBS_PREFIX}*`, async (request, reply) => {
      const target = parseTarget(request.url);
      const query = request.query as Record<string, unknown>;
      const [op, exp, ct, max, sig] = ['op', 'exp', 'ct', 'max', 'sig'].map((name) => single(query[name]));
      if (!target || op !== 'put' || exp === undefined || ct === undefined || max === undefined || !sig) {
        return deny(reply, 'Missing or malformed signature');
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
      if (checked.verdict === 'expired') return deny(reply, 'This link has expired');
      if (checked.verdict !== 'ok') return deny(reply, 'Invalid signature');
      const { grant } = checked;
      const contentType = request.headers['content-type'] ?? DEFAULT_CONTENT_TYPE;
      if (grant.contentType !== '' && mediaType(contentType) !== mediaType(grant.contentType)) {
        return reply.code(415).send({
          error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `This upload must be ${grant.contentType}` },
        });
      }
      const limit =
        grant.maxBytes < 0 ? FS_UPLOAD_LIMIT_BYTES : Math.min(grant.maxBytes, FS_UPLOAD_LIMIT_BYTES);
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limit) return tooLarge(reply, limit);
      try {
        const info = await deps.blob.putStream(target.container, target.key, limited(request.body, limit), {
          contentType: grant.contentType === '' ? contentType : grant.contentType,
        });
        return reply
          .code(201)
          .send({ container: info.container, key: info.key, size: info.size, etag: info.etag });
      } catch (error) {
        if (error instanceof UploadTooLarge) {
          // Stop reading a body that will be refused anyway.
          (request.body as Readable | undefined)?.destroy?.();
          return tooLarge(reply, limit);
        }
        const { status, body: errorBody } = describeError(error);
        return reply.code(status).send(errorBody);
      }
    });
  });
};

/**
 * Downloads for the fs blob driver's signed URLs (`GET /blobs/<container>/<key>?exp=&sig=[&dn=]`): 403 when the
 * signature is forged or expired, else the bytes streamed with their stored content type. Signed uploads too.
 */
export const registerBlobs = (
  app: FastifyInstance,
  deps: { blob: BlobStore; clock: Clock; signingSecret: string },
): void => {
  registerUploads(app, deps);
  app.get(`${BLOBS_PREFIX}*`, async (request, reply) => {
    const target = parseTarget(request.url);
    const query = request.query as Record<string, unknown>;
    const exp = single(query.exp);
    const sig = single(query.sig);
    const downloadName = single(query.dn);
    if (!target || exp === undefined || sig === undefined)
      return deny(reply, 'Missing or malformed signature');
    const verdict = verifyFsBlobSignature({
      signingSecret: deps.signingSecret,
      container: target.container,
      key: target.key,
      exp,
      sig,
      now: deps.clock(),
      ...(downloadName === undefined ? {} : { downloadName }),
    });
    if (verdict === 'expired') return deny(reply, 'This link has expired');
    if (verdict !== 'ok') return deny(reply, 'Invalid signature');

    let found: Awaited<ReturnType<BlobStore['getStream']>>;
    try {
      found = await deps.blob.getStream(target.container, target.key);
    } catch (error) {
      const { status, body } = describeError(error);
      return reply.code(status).send(body);
    }
    if (!found) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Blob not found' } });
    const secondsLeft = Math.max(0, Number(exp) - Math.floor(deps.clock() / 1000));
    void reply
      .type(found.info.contentType)
      .header('content-length', found.info.size)
      .header('etag', `"${found.info.etag.replace(/"/g, '')}"`)
      .header('last-modified', new Date(found.info.lastModified).toUTCString())
      .header('cache-control', `private, max-age=${Math.min(secondsLeft, 3600)}`)
      // Uploaded bytes are never run as a page of this origin, whatever their content type.
      .header('content-security-policy', "default-src 'none'; sandbox");
    if (downloadName !== undefined)
      void reply.header('content-disposition', contentDisposition(downloadName));
    return reply.send(found.stream);
  });
};
