import type { Subscriber } from '@bytelyst/events/bus';
import type { SubscriptionsRepository } from './repository';
import { ENTITLED_STATUSES } from './schema';
import type { SubscriptionsService } from './service';

/**
 * Every new user gets a subscription on the product's default plan. The subscription's id is the user id, so a
 * redelivered event finds it and changes nothing.
 */
export const subscriptionOnRegistration = (
  subscriptions: Pick<SubscriptionsService, 'ensureForUser'>,
): Subscriber<'user.created'> => ({
  name: 'billing.subscription-on-registration',
  events: ['user.created'],
  description: "Starts the new user's subscription on the default plan (with its trial).",
  priority: 50,
  handle: async (event) => {
    await subscriptions.ensureForUser(event.productId, event.data.userId, event.actorId ?? null);
  },
});

/**
 * A deleted user's subscription ends (at Stripe too, so billing stops) and its document goes; payments stay as
 * financial records. A redelivery finds nothing left to do.
 */
export const subscriptionOnUserDeleted = (deps: {
  subscriptions: Pick<SubscriptionsService, 'cancel'>;
  repo: SubscriptionsRepository;
}): Subscriber<'user.deleted'> => ({
  name: 'billing.subscription-on-user-deleted',
  events: ['user.deleted'],
  description: "Cancels and removes a deleted user's subscription.",
  handle: async (event) => {
    const { productId } = event;
    const { userId } = event.data;
    const current = await deps.repo.get(productId, userId);
    if (!current) return;
    if (ENTITLED_STATUSES.includes(current.status)) {
      await deps.subscriptions.cancel(
        productId,
        userId,
        { atPeriodEnd: false, reason: 'user deleted' },
        null,
      );
    }
    await deps.repo.delete(productId, userId);
  },
});
