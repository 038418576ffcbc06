import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore, Filter, OrderBy, Stored } from '@bytelyst/db/document-store';
import type { EventDoc } from '@bytelyst/events/event-doc';

/** Queries over the bus's `events` container for the console; the bus itself owns every write. */
export const createEventsRepository = (store: DocumentStore) => {
  const events = () => store.container<EventDoc>(CONTAINERS.events.name);
  const newestFirst: OrderBy<EventDoc>[] = [{ field: 'at', direction: 'desc' }];
  return {
    get: (productId: string, id: string): Promise<Stored<EventDoc> | undefined> =>
      events().read(id, productId),
    /** Newest first; `productId` undefined searches every product. */
    list: (productId: string | undefined, where: Filter<EventDoc>, limit: number, continuation?: string) => {
      // The narrowest declared index that serves both the filter and "newest first".
      const orderBy: OrderBy<EventDoc>[] = where.status
        ? [{ field: 'status', direction: 'desc' }, ...newestFirst]
        : where.type
          ? [{ field: 'type', direction: 'desc' }, ...newestFirst]
          : newestFirst;
      return events().query({
        ...(productId !== undefined ? { partitionKey: productId } : {}),
        where,
        orderBy,
        limit,
        ...(continuation ? { continuation } : {}),
      });
    },
    count: (productId: string | undefined, where: Filter<EventDoc>) =>
      events().count({ ...(productId !== undefined ? { partitionKey: productId } : {}), where }),
  };
};

export type EventsRepository = ReturnType<typeof createEventsRepository>;
