import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore } from '@bytelyst/db/document-store';
import type { TPlan } from './schema';

export const createPlansRepository = (store: DocumentStore) => {
  const plans = () => store.container<TPlan>(CONTAINERS.plans.name);
  return {
    get: (productId: string, code: string) => plans().read(code, productId),
    create: (doc: TPlan) => plans().create(doc),
    replace: (doc: TPlan, ifMatch?: string) => plans().replace(doc, ifMatch ? { ifMatch } : undefined),
    delete: (productId: string, code: string) => plans().delete(code, productId),
    /** A product has a handful of plans, so one page holds them all. */
    async all(productId: string): Promise<TPlan[]> {
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
