import {
  type DocumentStore,
  type Filter,
  type MutateOptions,
  type OrderBy,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { MEMORY_CONTAINERS } from './containers';
import type { TMemoryItem } from './schema';

/** An item as stored is the API's shape. */
export type MemoryItemDoc = TMemoryItem;

export const toMemoryItem = (doc: MemoryItemDoc | Stored<MemoryItemDoc>): TMemoryItem =>
  withoutSystemFields(doc);

export const createMemoryRepository = (store: DocumentStore) => {
  const items = () => store.container<MemoryItemDoc>(MEMORY_CONTAINERS.memoryItems.name);
  return {
    get: (productId: string, id: string) => items().read(id, productId),
    create: (doc: MemoryItemDoc, outbox: Outbox) => items().create(doc, { outbox }),
    /** Read-apply-replace under the etag; undefined when the item does not exist. */
    mutate: (
      productId: string,
      id: string,
      change: (current: Stored<MemoryItemDoc>) => MemoryItemDoc | null,
      options?: MutateOptions<MemoryItemDoc>,
    ) => items().mutate(id, productId, change, options),
    remove: (productId: string, id: string, outbox?: Outbox) => items().delete(id, productId, { outbox }),
    /**
     * Newest first. One user's items walk the (userId, createdAt) index, so an app's list stays cheap in a
     * product with millions of items; the admin's product-wide list walks createdAt.
     */
    list: (productId: string, where: Filter<MemoryItemDoc>, limit: number, continuation?: string) => {
      const orderBy: OrderBy<MemoryItemDoc>[] =
        where.userId?.eq !== undefined
          ? [
              { field: 'userId', direction: 'desc' },
              { field: 'createdAt', direction: 'desc' },
            ]
          : [{ field: 'createdAt', direction: 'desc' }];
      return items().query({
        partitionKey: productId,
        where,
        orderBy,
        limit,
        ...(continuation ? { continuation } : {}),
      });
    },
  };
};

export type MemoryRepository = ReturnType<typeof createMemoryRepository>;
