import {
  type BaseDoc,
  type Container,
  isStoreError,
  type Mutated,
  type MutateOptions,
  type Stored,
} from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';

/** Rounds of read-apply-replace before a record counts as busy: redemptions and counters see bursts. */
const MUTATE_ATTEMPTS = 50;

/**
 * A repository's read-apply-replace for one container (`container.mutate` under the etag, so concurrent
 * callers never lose each other's change): `change` returns the next document or null to leave it, and may
 * throw to refuse; `outbox` stages what commits with the change. Undefined when the document is absent.
 */
export const mutateIn =
  <T extends BaseDoc>(container: () => Container<T>) =>
  (
    productId: string,
    id: string,
    change: (current: Stored<T>) => T | null,
    outbox?: MutateOptions<T>['outbox'],
  ): Promise<Mutated<T> | undefined> =>
    container().mutate(id, productId, change, { attempts: MUTATE_ATTEMPTS, ...(outbox ? { outbox } : {}) });

/** A service's reading of a repository mutate: absent is NOT_FOUND, a record that never settled is CONFLICT. */
export const found = async <T extends BaseDoc>(
  work: Promise<Mutated<T> | undefined>,
  notFound = 'Not found',
): Promise<Mutated<T>> => {
  let result: Mutated<T> | undefined;
  try {
    result = await work;
  } catch (error) {
    if (!isStoreError(error, 'precondition_failed')) throw error;
    throw new AppError('CONFLICT', 'This record is busy with other changes; retry');
  }
  if (!result) throw new AppError('NOT_FOUND', notFound);
  return result;
};
