import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore, Filter, OrderBy } from '@bytelyst/db/document-store';
import type { TItemSort, TTrackerItem } from './schema';

const ORDER: Record<TItemSort, readonly OrderBy<TTrackerItem>[]> = {
  newest: [{ field: 'createdAt', direction: 'desc' }],
  updated: [{ field: 'updatedAt', direction: 'desc' }],
  votes: [
    { field: 'votes', direction: 'desc' },
    { field: 'createdAt', direction: 'desc' },
  ],
};

export const createItemsRepository = (store: DocumentStore) => {
  const items = () => store.container<TTrackerItem>(CONTAINERS.trackerItems.name);
  return {
    get: (productId: string, id: string) => items().read(id, productId),
    create: (doc: TTrackerItem) => items().create(doc),
    replace: (doc: TTrackerItem, ifMatch: string) => items().replace(doc, { ifMatch }),
    delete: (productId: string, id: string) => items().delete(id, productId),
    list: (
      productId: string,
      where: Filter<TTrackerItem>,
      sort: TItemSort,
      limit: number,
      continuation?: string,
    ) =>
      items().query({
        partitionKey: productId,
        where,
        orderBy: ORDER[sort],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
  };
};

export type ItemsRepository = ReturnType<typeof createItemsRepository>;
