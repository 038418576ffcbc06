import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../containers';
import type { TSubscription } from '../subscriptions/schema';
import type { TPayment, TStripeEventDoc } from './schema';

export const createStripeRepository = (store: DocumentStore) => {
  const payments = () => store.container<TPayment>(BILLING_CONTAINERS.payments.name);
  const events = () => store.container<TStripeEventDoc>(BILLING_CONTAINERS.stripeEvents.name);
  const subscriptions = () => store.container<TSubscription>(BILLING_CONTAINERS.subscriptions.name);
  /** Cross-partition on purpose: a Stripe id names no product until it is found. */
  const subscriptionBy = async (
    field: 'stripeSubscriptionId' | 'stripeCustomerId',
    value: string,
  ): Promise<Stored<TSubscription> | undefined> =>
    (await subscriptions().query({ where: { [field]: { eq: value } }, limit: 1 })).items[0];
  return {
    subscriptionBy,
    getPayment: (productId: string, invoiceId: string) => payments().read(invoiceId, productId),
    upsertPayment: (doc: TPayment, outbox?: Outbox) =>
      payments().upsert(doc, outbox ? { outbox } : undefined),
    listPayments: (productId: string, userId: string, limit: number, continuation?: string) =>
      payments().query({
        partitionKey: productId,
        where: { userId: { eq: userId } },
        orderBy: [{ field: 'at', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    /** The latest succeeded payment of a user at or after `since`. */
    async paidSince(productId: string, userId: string, since: string): Promise<boolean> {
      const page = await payments().query({
        partitionKey: productId,
        where: { userId: { eq: userId }, status: { eq: 'succeeded' }, at: { gte: since } },
        limit: 1,
      });
      return page.items.length > 0;
    },
    /** Throws `conflict` when the event was recorded before. */
    recordEvent: (doc: TStripeEventDoc) => events().create(doc),
    forgetEvent: (id: string) => events().delete(id, id),
    markEvent: (doc: TStripeEventDoc) => events().upsert(doc),
  };
};

export type StripeRepository = ReturnType<typeof createStripeRepository>;
