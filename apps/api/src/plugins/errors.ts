import { StoreError } from '@bytelyst/db/document-store';
import { APP_ERROR_TABLE, AppError, type AppErrorCode, toTRPCError } from '@bytelyst/routers/errors';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply } from 'fastify';

export type ErrorField = { path: string; message: string };
/**
 * The REST face's error body, and what the API answers for any failure outside tRPC. `code` is the routers'
 * AppError code (the tRPC face's `data.appCode`), or the tRPC code where no AppError code fits.
 */
export type ErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: ErrorField[];
    reason?: string;
    /** Seconds until a retry may succeed (also the Retry-After header). */
    retryAfter?: number;
    /** The rate-limit rule that refused the request. */
    rule?: string;
  };
};
/** `retryAfter`: seconds for the Retry-After header, when the error gives them. */
export type DescribedError = { status: number; body: ErrorBody; retryAfter?: number };

const describe = (
  status: number,
  code: string,
  message: string,
  fields?: ErrorField[],
  reason?: string,
): DescribedError => ({
  status,
  body: {
    error: {
      code,
      message,
      ...(fields && fields.length > 0 ? { fields } : {}),
      ...(reason ? { reason } : {}),
    },
  },
});

const INTERNAL = describe(500, 'INTERNAL', 'Internal server error');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const issuePath = (path: unknown): string =>
  Array.isArray(path) && path.length > 0 ? path.map((part) => String(part)).join('.') : '(root)';

const isZodError = (value: unknown): value is Error & { issues: unknown[] } =>
  value instanceof Error &&
  value.name === 'ZodError' &&
  Array.isArray((value as { issues?: unknown }).issues);

const fromZodError = (error: { issues: unknown[] }): DescribedError => {
  const fields = error.issues
    .filter(isRecord)
    .map((issue) => ({ path: issuePath(issue.path), message: String(issue.message) }));
  return describe(
    400,
    'VALIDATION',
    `Invalid input: ${fields.map((field) => field.path).join(', ')}`,
    fields,
  );
};

const fromAppError = (error: AppError): DescribedError => {
  const { http } = APP_ERROR_TABLE[error.code];
  const described =
    http >= 500
      ? describe(http, error.code, error.code === 'INTERNAL' ? INTERNAL.body.error.message : error.message)
      : describe(http, error.code, error.message, error.fields, error.reason);
  if (error.retryAfterSeconds === undefined && !error.rule) return described;
  const retryAfter = error.retryAfterSeconds;
  return {
    ...described,
    body: {
      error: {
        ...described.body.error,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(error.rule ? { rule: error.rule } : {}),
      },
    },
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
};

/** Sends a described error, with its Retry-After header when it has one. */
export const sendError = (reply: FastifyReply, described: DescribedError): FastifyReply => {
  if (described.retryAfter !== undefined) void reply.header('retry-after', String(described.retryAfter));
  return reply.code(described.status).send(described.body);
};

const TRPC_TO_APP = new Map<string, AppErrorCode>(
  Object.entries(APP_ERROR_TABLE)
    .filter(([code]) => code !== 'VALIDATION')
    .map(([code, entry]) => [entry.trpc, code as AppErrorCode]),
);

const fromTrpcError = (error: TRPCError): DescribedError => {
  const cause = error.cause;
  if (cause instanceof AppError) return fromAppError(cause);
  if (isZodError(cause)) return fromZodError(cause);
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500) return status === 500 ? INTERNAL : describe(status, error.code, 'Service unavailable');
  if (error.code === 'PARSE_ERROR') {
    return describe(400, 'BAD_REQUEST', 'Request body is not valid JSON', [
      { path: 'body', message: error.message },
    ]);
  }
  return describe(status, TRPC_TO_APP.get(error.code) ?? error.code, error.message);
};

const FASTIFY_CODES: Record<string, { code: string; message: string; field?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'BAD_REQUEST',
    message: 'Request body is not valid JSON',
    field: 'body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: 'Request body is empty', field: 'body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
};

/** Framework errors (body parsing, limits) carry a 4xx `statusCode`; their own text is never shown. */
const fromFrameworkError = (error: Record<string, unknown>): DescribedError | undefined => {
  const status = error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const known = typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (known) {
    const fields = known.field ? [{ path: known.field, message: String(error.message) }] : undefined;
    return describe(status, known.code, known.message, fields);
  }
  if (error instanceof SyntaxError) {
    return describe(400, 'BAD_REQUEST', 'Request body is not valid JSON', [
      { path: 'body', message: error.message },
    ]);
  }
  return describe(status, TRPC_TO_APP.get(String(error.code)) ?? 'BAD_REQUEST', 'Bad request');
};

/**
 * The one mapping from anything thrown to a status and a safe body, used by the REST face, the Fastify error
 * handler and the blob route. AppError codes go through the routers' APP_ERROR_TABLE, as on the tRPC face.
 */
export const describeError = (error: unknown): DescribedError => {
  if (isZodError(error)) return fromZodError(error);
  if (error instanceof TRPCError || error instanceof AppError || error instanceof StoreError) {
    return fromTrpcError(toTRPCError(error));
  }
  if (isRecord(error)) return fromFrameworkError(error) ?? INTERNAL;
  return INTERNAL;
};

const routeOf = (url: string): string => {
  const path = url.split('?')[0] ?? url;
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
};

/** JSON 404 for unknown routes and a JSON body for every error outside the tRPC adapter. */
export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = describe(
      404,
      'NOT_FOUND',
      `Route ${request.method} ${routeOf(request.url)} not found`,
    );
    void reply.code(status).send(body);
  });
  app.setErrorHandler((error, request, reply) => {
    const described = describeError(error);
    if (described.status >= 500) request.log.error({ err: error }, 'request failed');
    void sendError(reply, described);
  });
};
