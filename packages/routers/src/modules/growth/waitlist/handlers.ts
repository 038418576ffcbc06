import type { Subscriber } from '@bytelyst/events/bus';
import type { InvitationsService } from '../invitations/service';
import type { WaitlistService } from './service';

/**
 * A waitlist entry is joined when someone registers with its email, or when its invitation is redeemed.
 * `markJoined` only moves waiting or invited entries, so redeliveries change nothing.
 */
export const waitlistJoinedSubscriber = (deps: {
  waitlist: Pick<WaitlistService, 'findByEmail' | 'markJoined'>;
  invitations: Pick<InvitationsService, 'find'>;
}): Subscriber<'user.created' | 'invitation.redeemed'> => ({
  name: 'growth.waitlist-joined',
  events: ['user.created', 'invitation.redeemed'],
  description: 'Marks the waitlist entry of a user who registered or redeemed its invitation as joined.',
  handle: async (event) => {
    const { productId } = event;
    if (event.type === 'user.created') {
      const entry = await deps.waitlist.findByEmail(productId, event.data.email);
      if (entry) await deps.waitlist.markJoined(productId, entry.id, event.data.userId);
      return;
    }
    const invitation = await deps.invitations.find(productId, event.data.invitationId);
    if (invitation?.waitlistEntryId) {
      await deps.waitlist.markJoined(productId, invitation.waitlistEntryId, event.data.userId);
    }
  },
});
