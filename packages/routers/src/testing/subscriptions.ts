import { CONTAINERS } from '@bytelyst/db/containers';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventDoc } from '@bytelyst/events/event-doc';
import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { TSubscription } from '../modules/billing/subscriptions/schema';
import type { TestHarness } from './harness';

/** Test-only: the persisted events of a type, oldest first. */
export const billingEvents = async (h: TestHarness, type: string, productId = 'platform') => {
  const page = await h.store
    .container<EventDoc>(CONTAINERS.events.name)
    .query({ partitionKey: productId, where: { type: { eq: type } }, limit: 1000 });
  return page.items.sort((a, b) => a.seq.localeCompare(b.seq));
};

/** Test-only: the data of the events of a type that concern one subscription (= user id). */
export const eventsFor = async (
  h: TestHarness,
  type: string,
  subscriptionId: string,
  productId = 'platform',
) =>
  (await billingEvents(h, type, productId))
    .map((event) => event.data as Record<string, unknown>)
    .filter((data) => data.subscriptionId === subscriptionId || data.userId === subscriptionId);

export const subscriptionsContainer = (h: TestHarness) =>
  h.store.container<TSubscription>(BILLING_CONTAINERS.subscriptions.name);

/** Test-only: rewrites a stored subscription (to put it in a state the clock alone would take long to reach). */
export const patchSubscription = async (
  h: TestHarness,
  userId: string,
  patch: Partial<TSubscription>,
  productId = 'platform',
) => {
  const current = await subscriptionsContainer(h).read(userId, productId);
  if (!current) throw new Error(`no subscription for ${userId}`);
  return subscriptionsContainer(h).replace({ ...withoutSystemFields(current), ...patch });
};
