import type { BaseDoc, Container } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';

/**
 * The easy path to an idempotent subscriber: write the handler's effect as a document whose id comes from
 * the event (`ctx.idempotencyKey`, or the event id when one subscriber writes one document per event). A
 * redelivery finds the document there and does nothing. Resolves true when this call wrote it.
 */
export const createOnce = async <T extends BaseDoc>(container: Container<T>, doc: T): Promise<boolean> => {
  try {
    await container.create(doc);
    return true;
  } catch (error) {
    if (isStoreError(error, 'conflict')) return false;
    throw error;
  }
};
