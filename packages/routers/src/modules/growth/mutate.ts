import { type BaseDoc, type Container, isStoreError, type Stored } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';

const MAX_ATTEMPTS = 50;

/** Strips the store's bookkeeping fields so a read document can be written back. */
export const plain = <T extends BaseDoc>(doc: T & { _etag?: string; _ts?: number; ttl?: number }): T => {
  const { _etag: _e, _ts: _t, ttl: _ttl, ...rest } = doc;
  return rest as unknown as T;
};

/**
 * Read-modify-write with the etag, retried when someone else wrote in between, so concurrent callers never
 * lose each other's change. `change` returns the next document, or null to leave it; it may throw to refuse.
 */
export const mutateDoc = async <T extends BaseDoc>(
  container: Container<T>,
  productId: string,
  id: string,
  change: (doc: Stored<T>) => T | null,
  notFound = 'Not found',
): Promise<{ doc: Stored<T>; changed: boolean }> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await container.read(id, productId);
    if (!current) throw new AppError('NOT_FOUND', notFound);
    const next = change(current);
    if (!next) return { doc: current, changed: false };
    try {
      return { doc: await container.replace(next, { ifMatch: current._etag }), changed: true };
    } catch (error) {
      if (!isStoreError(error, 'precondition_failed')) throw error;
    }
  }
  throw new AppError('CONFLICT', 'This record is busy with other changes; retry');
};
