import type {
  DocumentStore,
  Filter,
  MutateOptions,
  OrderBy,
  Outbox,
  Stored,
} from '@bytelyst/db/document-store';
import { TRACKER_CONTAINERS } from '../containers';
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
  const items = () => store.container<TTrackerItem>(TRACKER_CONTAINERS.trackerItems.name);
  return {
    get: (productId: string, id: string) => items().read(id, productId),
    create: (doc: TTrackerItem, outbox?: Outbox) => items().create(doc, { outbox }),
    /** Read-apply-replace under the etag; undefined when the item does not exist. */
    mutate: (
      productId: string,
      id: string,
      change: (current: Stored<TTrackerItem>) => TTrackerItem | null | Promise<TTrackerItem | null>,
      options?: MutateOptions<TTrackerItem>,
    ) => items().mutate(id, productId, change, options),
    delete: (productId: string, id: string, outbox?: Outbox) => items().delete(id, productId, { outbox }),
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
