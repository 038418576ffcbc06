import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore, Filter, OrderBy } from '@bytelyst/db/document-store';
import type { TSubscription } from './schema';

export const createSubscriptionsRepository = (store: DocumentStore) => {
  const subscriptions = () => store.container<TSubscription>(CONTAINERS.subscriptions.name);
  return {
    /** The subscription of one user (its id is the user id). */
    get: (productId: string, userId: string) => subscriptions().read(userId, productId),
    create: (doc: TSubscription) => subscriptions().create(doc),
    replace: (doc: TSubscription, ifMatch?: string) =>
      subscriptions().replace(doc, ifMatch ? { ifMatch } : undefined),
    delete: (productId: string, userId: string) => subscriptions().delete(userId, productId),
    list: (
      productId: string | undefined,
      where: Filter<TSubscription>,
      orderBy: OrderBy<TSubscription>[],
      limit: number,
      continuation?: string,
    ) =>
      subscriptions().query({
        ...(productId ? { partitionKey: productId } : {}),
        where,
        orderBy,
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<TSubscription> = {}) =>
      subscriptions().count({ partitionKey: productId, where }),
  };
};

export type SubscriptionsRepository = ReturnType<typeof createSubscriptionsRepository>;
