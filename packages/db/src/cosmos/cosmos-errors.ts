/** Maps @azure/cosmos errors (status codes on ErrorResponse) and batch results to StoreError. */
import { StoreError, type StoreErrorCode } from '../document-store';

const BY_STATUS: Record<number, StoreErrorCode> = {
  400: 'invalid',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'invalid',
};

export function statusOf(error: unknown): number | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export function storeErrorForStatus(
  status: number | undefined,
  message: string,
  cause?: unknown,
): StoreError {
  const code = (status !== undefined && BY_STATUS[status]) || 'unavailable';
  return new StoreError(code, message, { cause });
}

/** Any error from the SDK as a StoreError; StoreErrors pass through. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return storeErrorForStatus(statusOf(error), message.split('\n')[0] ?? message, error);
}

export async function guard<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (error) {
    throw toStoreError(error);
  }
}
