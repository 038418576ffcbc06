import { StoreError, type StoreErrorCode } from '@bytelyst/db/document-store';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { APP_ERROR_TABLE, AppError, type AppErrorCode, type FieldError } from './app-error';

export { APP_ERROR_TABLE, AppError, type AppErrorCode, type FieldError } from './app-error';

const STORE_TO_APP: Record<StoreErrorCode, AppErrorCode> = {
  conflict: 'CONFLICT',
  not_found: 'NOT_FOUND',
  precondition_failed: 'PRECONDITION_FAILED',
  invalid: 'BAD_REQUEST',
  unavailable: 'UNAVAILABLE',
};

const STORE_MESSAGES: Record<StoreErrorCode, string> = {
  conflict: 'The resource already exists',
  not_found: 'Not found',
  precondition_failed: 'The resource was changed by someone else; reload and retry',
  invalid: 'Invalid request',
  unavailable: 'The data store is unavailable',
};

/** AppError and StoreError become their TRPCError; anything else is an internal error. */
export const toTRPCError = (error: unknown): TRPCError => {
  if (error instanceof TRPCError) {
    const cause = error.cause;
    return cause instanceof AppError || cause instanceof StoreError ? toTRPCError(cause) : error;
  }
  if (error instanceof AppError) {
    return new TRPCError({ code: APP_ERROR_TABLE[error.code].trpc, message: error.message, cause: error });
  }
  if (error instanceof StoreError) {
    const app = new AppError(STORE_TO_APP[error.code], STORE_MESSAGES[error.code], { cause: error });
    return new TRPCError({ code: APP_ERROR_TABLE[app.code].trpc, message: app.message, cause: app });
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal server error',
    cause: error instanceof Error ? error : undefined,
  });
};

const appCodeOf = (error: TRPCError): AppErrorCode | TRPC_ERROR_CODE_KEY =>
  error.cause instanceof AppError ? error.cause.code : error.code;

const zodFields = (error: ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));

type FormatterShape = {
  message: string;
  code: number;
  data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number; path?: string; stack?: string };
};

/**
 * Adds `data.appCode`, for invalid input `data.fields` naming each failing field, and an AppError's
 * `data.reason` when it gives one. Internal errors never leak their message or stack.
 */
export const errorFormatter = <TShape extends FormatterShape>(opts: { shape: TShape; error: TRPCError }) => {
  const { shape, error } = opts;
  const internal = error.code === 'INTERNAL_SERVER_ERROR';
  const cause = error.cause;
  const fields = internal
    ? undefined
    : cause instanceof ZodError
      ? zodFields(cause)
      : cause instanceof AppError
        ? cause.fields
        : undefined;
  const { stack: _stack, ...data } = shape.data;
  const app = !internal && cause instanceof AppError ? cause : undefined;
  const reason = app?.reason;
  return {
    ...shape,
    message: internal
      ? 'Internal server error'
      : cause instanceof ZodError
        ? `Invalid input: ${(fields ?? []).map((f) => f.path).join(', ')}`
        : shape.message,
    data: {
      ...data,
      appCode: appCodeOf(error),
      ...(fields ? { fields } : {}),
      ...(reason ? { reason } : {}),
      ...(app?.retryAfterSeconds !== undefined ? { retryAfter: app.retryAfterSeconds } : {}),
      ...(app?.rule ? { rule: app.rule } : {}),
    },
  };
};

/** Seconds a client should wait before retrying, when the error says (an AppError, possibly inside a TRPCError). */
export const retryAfterOf = (error: unknown): number | undefined => {
  const app = error instanceof TRPCError ? error.cause : error;
  return app instanceof AppError ? app.retryAfterSeconds : undefined;
};
