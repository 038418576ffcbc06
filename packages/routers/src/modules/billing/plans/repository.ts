import type { BatchOperation, DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../containers';
import type { TPlan } from './schema';

export const createPlansRepository = (store: DocumentStore) => {
  const plans = () => store.container<TPlan>(BILLING_CONTAINERS.plans.name);
  return {
    get: (productId: string, code: string) => plans().read(code, productId),
    create: (doc: TPlan, outbox?: Outbox) => plans().create(doc, outbox ? { outbox } : undefined),
    replace: (doc: TPlan, ifMatch?: string, outbox?: Outbox) =>
      plans().replace(doc, { ...(ifMatch ? { ifMatch } : {}), ...(outbox ? { outbox } : {}) }),
    delete: (productId: string, code: string, outbox?: Outbox) =>
      plans().delete(code, productId, outbox ? { outbox } : undefined),
    /** All or nothing within the product's partition (used to move the default flag). */
    batch: (productId: string, operations: readonly BatchOperation<TPlan>[], outbox?: Outbox) =>
      plans().batch(productId, operations, outbox ? { outbox } : undefined),
    /** A product has a handful of plans, so one page holds them all. */
    async all(productId: string): Promise<Stored<TPlan>[]> {
      const page = await plans().query({
        partitionKey: productId,
        orderBy: [{ field: 'sortOrder', direction: 'asc' }],
        limit: 200,
      });
      return page.items;
    },
  };
};

export type PlansRepository = ReturnType<typeof createPlansRepository>;
