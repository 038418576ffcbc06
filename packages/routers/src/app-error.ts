import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/**
 * The one code table: each application error code maps to the tRPC code (tRPC face) and the HTTP status
 * (REST face). Services throw `AppError` with one of these codes; only the tRPC layer converts it.
 */
export const APP_ERROR_TABLE = {
  BAD_REQUEST: { trpc: 'BAD_REQUEST', http: 400 },
  VALIDATION: { trpc: 'BAD_REQUEST', http: 400 },
  UNAUTHORIZED: { trpc: 'UNAUTHORIZED', http: 401 },
  FORBIDDEN: { trpc: 'FORBIDDEN', http: 403 },
  NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  CONFLICT: { trpc: 'CONFLICT', http: 409 },
  PRECONDITION_FAILED: { trpc: 'PRECONDITION_FAILED', http: 412 },
  PAYLOAD_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', http: 413 },
  UNPROCESSABLE: { trpc: 'UNPROCESSABLE_CONTENT', http: 422 },
  TOO_MANY_REQUESTS: { trpc: 'TOO_MANY_REQUESTS', http: 429 },
  INTERNAL: { trpc: 'INTERNAL_SERVER_ERROR', http: 500 },
  NOT_IMPLEMENTED: { trpc: 'NOT_IMPLEMENTED', http: 501 },
  UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', http: 503 },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; http: number }>;

export type AppErrorCode = keyof typeof APP_ERROR_TABLE;

export type FieldError = { path: string; message: string };

/** A business-rule failure. Safe to show to clients (except INTERNAL, whose message is hidden). */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldError[] | undefined;
  /**
   * A machine-readable why, for a refusal a client acts on (`email_not_verified`: offer to resend the link);
   * `data.reason` on the tRPC face, `error.reason` on the REST face.
   */
  readonly reason: string | undefined;
  /**
   * For a refusal that ends (429, 503): seconds until a retry may succeed. Every face sends it as the
   * `Retry-After` header, and as `data.retryAfter` (tRPC) or `error.retryAfter` (REST).
   */
  readonly retryAfterSeconds: number | undefined;
  /** The rate-limit rule that refused the request (`data.rule`, `error.rule`). */
  readonly rule: string | undefined;
  constructor(
    code: AppErrorCode,
    message: string,
    options?: {
      fields?: FieldError[];
      reason?: string;
      cause?: unknown;
      retryAfterSeconds?: number;
      rule?: string;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options?.fields;
    this.reason = options?.reason;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.rule = options?.rule;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
