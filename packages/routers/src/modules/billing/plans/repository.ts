import { CONTAINERS } from '@bytelyst/db/containers';
import type { BatchOperation, DocumentStore, Stored } from '@bytelyst/db/document-store';
import type { TPlan } from './schema';

export const createPlansRepository = (store: DocumentStore) => {
  const plans = () => store.container<TPlan>(CONTAINERS.plans.name);
  return {
    get: (productId: string, code: string) => plans().read(code, productId),
    create: (doc: TPlan) => plans().create(doc),
    replace: (doc: TPlan, ifMatch?: string) => plans().replace(doc, ifMatch ? { ifMatch } : undefined),
    delete: (productId: string, code: string) => plans().delete(code, productId),
    /** All or nothing within the product's partition (used to move the default flag). */
    batch: (productId: string, operations: readonly BatchOperation<TPlan>[]) =>
      plans().batch(productId, operations),
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
