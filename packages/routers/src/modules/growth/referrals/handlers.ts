import type { Subscriber } from '@bytelyst/events/bus';
import type { ReferralsService } from './service';

/**
 * A referral converts when the referred user starts paying: a subscription that became active on a plan
 * other than free (its id is the user id), or any successful payment. `convert` moves signed_up -> converted
 * with the etag, so redeliveries and the second signal of one upgrade change nothing.
 */
export const referralConversionSubscriber = (
  referrals: Pick<ReferralsService, 'convert'>,
): Subscriber<'subscription.changed' | 'payment.succeeded'> => ({
  name: 'growth.referral-conversion',
  events: ['subscription.changed', 'payment.succeeded'],
  description: 'Marks the referral of a user who started paying as converted (referral.completed).',
  handle: async (event) => {
    if (event.type === 'payment.succeeded') {
      await referrals.convert(event.productId, event.data.userId);
      return;
    }
    const { newPlan, status, subscriptionId } = event.data;
    if (newPlan !== 'free' && status === 'active') await referrals.convert(event.productId, subscriptionId);
  },
});
