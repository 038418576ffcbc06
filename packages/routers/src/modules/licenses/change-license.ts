import { isStoreError, type Outbox } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import type { LicenseDoc, LicensesRepository } from './repository';

/**
 * A license change under the etag with what commits alongside it; the license must exist, and a license that
 * keeps changing under every attempt is a conflict the caller may retry.
 */
export const changeLicense = async (
  repo: LicensesRepository,
  productId: string,
  id: string,
  change: (doc: LicenseDoc) => LicenseDoc | null,
  outbox?: (next: LicenseDoc) => Outbox | undefined,
) => {
  const mutated = await repo.mutate(productId, id, change, outbox).catch((error: unknown) => {
    if (!isStoreError(error, 'precondition_failed')) throw error;
    throw new AppError('CONFLICT', 'The license is being changed by someone else; retry', { cause: error });
  });
  if (!mutated) throw new AppError('NOT_FOUND', 'License not found');
  return mutated;
};
