import {
  type DocumentStore,
  type Filter,
  type MutateOptions,
  type OrderBy,
  type Outbox,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../containers';
import type { TSubscription } from './schema';

export const createSubscriptionsRepository = (store: DocumentStore) => {
  const subscriptions = () => store.container<TSubscription>(BILLING_CONTAINERS.subscriptions.name);
  return {
    /** The subscription of one user (its id is the user id). */
    get: (productId: string, userId: string) => subscriptions().read(userId, productId),
    create: (doc: TSubscription, outbox?: Outbox) =>
      subscriptions().create(doc, outbox ? { outbox } : undefined),
    /**
     * Read-apply-replace under the etag (see `container.mutate`); `change` sees the subscription without the
     * store's fields. Undefined when the user has no subscription.
     */
    mutate: (
      productId: string,
      userId: string,
      change: (current: TSubscription) => TSubscription | null,
      options: Pick<MutateOptions<TSubscription>, 'attempts' | 'outbox'> = {},
    ) =>
      subscriptions().mutate(userId, productId, (current) => change(withoutSystemFields(current)), options),
    delete: (productId: string, userId: string, outbox?: Outbox) =>
      subscriptions().delete(userId, productId, outbox ? { outbox } : undefined),
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
