// Type only: a product app's bundle never pulls the server's code.
import type { AppRouter } from '@bytelyst/routers/root';
import { TRPCClientError } from '@trpc/client';

export type FieldError = { path: string; message: string };

/**
 * What a caller branches on. `validation` covers 400 (bad input, with `fields`); `rate_limited` is 429
 * (also a locked-out sign-in); `unavailable` is 503 (maintenance, a store outage) and any 5xx; `network`
 * means no answer came back at all.
 */
export type PlatformErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'network'
  | 'other';

export type PlatformErrorInit = {
  /**
   * The platform's error code: `VALIDATION`, `FORBIDDEN`, `TOO_MANY_REQUESTS`, ... (`NETWORK` for no answer).
   */
  code: string;
  /** 0 when no answer came back. */
  httpStatus: number;
  fields?: FieldError[];
  /** The machine-readable why: `email_not_verified`, `login_locked`, `rate_limited`, ... */
  reason?: string;
  retryAfterSeconds?: number;
  /** The rate-limit rule that refused the request. */
  rule?: string;
  cause?: unknown;
};

const kindOf = (status: number, code: string): PlatformErrorKind => {
  if (status === 0) return 'network';
  if (status === 400 || status === 422 || code === 'VALIDATION') return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'other';
};

/**
 * Every failure the client reports, from either face (tRPC or REST) or from the network. It extends
 * TRPCClientError so tRPC's own tooling still recognises it; `kind` is the discriminant to branch on.
 */
export class PlatformError extends TRPCClientError<AppRouter> {
  readonly kind: PlatformErrorKind;
  readonly code: string;
  readonly httpStatus: number;
  readonly fields: FieldError[];
  readonly reason: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly rule: string | undefined;

  constructor(message: string, init: PlatformErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: asError(init.cause) });
    // TRPCClientError pins its own prototype; put the subclass's back.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'PlatformError';
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.kind = kindOf(init.httpStatus, init.code);
    this.fields = init.fields ?? [];
    this.reason = init.reason;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.rule = init.rule;
  }

  /** The message for one input field, for showing next to it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((field) => field.path === path)?.message;
  }
}

const asError = (cause: unknown): Error | undefined => (cause instanceof Error ? cause : undefined);

export const isPlatformError = (error: unknown): error is PlatformError => error instanceof PlatformError;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const fieldsOf = (value: unknown): FieldError[] | undefined =>
  Array.isArray(value)
    ? value.filter(isRecord).map((f) => ({ path: String(f.path), message: String(f.message) }))
    : undefined;

const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const retryAfterHeader = (headers: Headers | undefined): number | undefined => {
  const value = headers?.get('retry-after');
  const seconds = value ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? seconds : undefined;
};

/**
 * The REST face's body (`{ error: { code, message, fields?, reason?, retryAfter?, rule? } }`) as a
 * PlatformError.
 */
export const fromRestResponse = (status: number, body: unknown, headers?: Headers): PlatformError => {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return new PlatformError(stringOf(error.message) ?? `Request failed with status ${status}`, {
    code: stringOf(error.code) ?? `HTTP_${status}`,
    httpStatus: status,
    fields: fieldsOf(error.fields),
    reason: stringOf(error.reason),
    retryAfterSeconds: numberOf(error.retryAfter) ?? retryAfterHeader(headers),
    rule: stringOf(error.rule),
  });
};

/** A no-answer failure (connection refused or dropped, DNS), after any retries. */
export const networkError = (cause: unknown): PlatformError =>
  new PlatformError(cause instanceof Error ? cause.message : 'Network error', {
    code: 'NETWORK',
    httpStatus: 0,
    cause,
  });

/**
 * A tRPC failure as a PlatformError: the platform's formatter puts `appCode`, `fields`, `reason`,
 * `retryAfter` and `rule` in `data` (packages/routers/src/errors.ts). A failure that never got an answer
 * keeps the PlatformError the transport raised.
 */
export const fromTrpcError = (error: unknown): PlatformError => {
  if (error instanceof PlatformError) return error;
  if (error instanceof TRPCClientError) {
    if (error.cause instanceof PlatformError) return error.cause;
    const data: Record<string, unknown> = isRecord(error.data) ? error.data : {};
    const status = numberOf(data.httpStatus);
    if (status === undefined) return networkError(error.cause ?? error);
    return new PlatformError(error.message, {
      code: stringOf(data.appCode) ?? stringOf(data.code) ?? `HTTP_${status}`,
      httpStatus: status,
      fields: fieldsOf(data.fields),
      reason: stringOf(data.reason),
      retryAfterSeconds: numberOf(data.retryAfter),
      rule: stringOf(data.rule),
      cause: error,
    });
  }
  return networkError(error);
};
