import type { BlobStore } from '@bytelyst/db/blob';
import { contentDisposition } from '@bytelyst/db/blob';
import { verifyFsBlobSignature } from '@bytelyst/db/blob-fs';
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

/**
 * Downloads for the fs blob driver's signed URLs (`GET /blobs/<container>/<key>?exp=&sig=[&dn=]`): 403 when the
 * signature is forged or expired, else the bytes streamed with their stored content type.
 */
export const registerBlobs = (
  app: FastifyInstance,
  deps: { blob: BlobStore; clock: Clock; signingSecret: string },
): void => {
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
