import type { IncomingHttpHeaders } from 'node:http';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Keys whose values never reach a log line, wherever a logged object carries them (pino `redact`): credentials
 * in headers, passwords, tokens, keys and secrets. Paths are one level deep (`*.x`) and at the top (`x`), which
 * covers what the platform logs: `err` objects, headers, request bodies passed to a log call.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'newPassword',
  'currentPassword',
  'refreshToken',
  'accessToken',
  'token',
  'apiKey',
  'secret',
  'clientSecret',
  'privateKey',
] as const;

export const LOG_REDACT = {
  paths: SECRET_KEYS.flatMap((key) => {
    const at = /^[A-Za-z]+$/.test(key) ? `.${key}` : `["${key}"]`;
    return [at.startsWith('.') ? key : at, `*${at}`, `*.headers${at}`];
  }),
  censor: '[Redacted]',
};

/** Query parameters that are credentials (reset and verification links, signed URLs, OAuth codes). */
const SECRET_PARAMS =
  /^(token|sig|signature|code|key|api_key|access_token|refresh_token|password|secret|state)$/i;

/** The URL as logged: a signed blob URL loses its query, and credential-like query values are replaced. */
export const loggedUrl = (url: string): string => {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const path = url.slice(0, at);
  // A signed blob URL's query is a bearer credential until it expires.
  if (path.startsWith('/blobs/')) return path;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const key of [...params.keys()]) {
    if (SECRET_PARAMS.test(key)) params.set(key, '[Redacted]');
  }
  return `${path}?${params.toString()}`;
};

export type RequestIdentity = { productId: string; userId: string | null };

const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * One log line per request (on completion, with method, url, status and time) instead of Fastify's two
 * ("incoming request" + "request completed"): pino serialisation is a visible share of a small request's cost.
 * Each line names the product and the user the request ran as (from its context when one was built, else the
 * product header), so one user's or one product's traffic can be picked out of the logs.
 */
export class RequestLogController extends LogController {
  constructor(
    private readonly identityOf: (headers: IncomingHttpHeaders) => RequestIdentity | undefined = () =>
      undefined,
  ) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const identity = this.identityOf(request.headers);
    const header = request.headers['x-product-id'];
    const line = {
      method: request.method,
      url: loggedUrl(request.url),
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
      productId:
        identity?.productId ?? (typeof header === 'string' && PRODUCT_ID.test(header) ? header : null),
      userId: identity?.userId ?? null,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * Remembers who each request's context resolved to, keyed by the request's headers object (the key
 * `contextPerRequest` uses too), for the request's log line.
 */
export const createIdentityMemory = () => {
  const seen = new WeakMap<object, RequestIdentity>();
  return {
    identityOf: (headers: IncomingHttpHeaders): RequestIdentity | undefined => seen.get(headers),
    wrap<
      I extends { headers: object },
      C extends { productId: string; principal: { userId: string } | null },
    >(factory: (input: I) => Promise<C>): (input: I) => Promise<C> {
      return async (input) => {
        const ctx = await factory(input);
        seen.set(input.headers, { productId: ctx.productId, userId: ctx.principal?.userId ?? null });
        return ctx;
      };
    },
  };
};
