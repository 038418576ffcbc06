import { z } from 'zod';
import { def, id } from './def';

/** Growth: invitations, referrals and the waitlist. */
export const GROWTH_EVENTS = {
  'invitation.redeemed': def({
    version: 1,
    public: true,
    description: 'An invitation code was redeemed.',
    payload: z.object({ invitationId: id, userId: id }),
  }),
  'referral.completed': def({
    version: 1,
    public: true,
    description: 'A referred user converted.',
    payload: z.object({ referralId: id, referrerId: id, referredId: id }),
  }),
  'waitlist.joined': def({
    version: 1,
    public: true,
    description: 'Someone joined the waitlist.',
    payload: z.object({ email: z.string(), position: z.number().int().min(1) }),
  }),
} as const;
