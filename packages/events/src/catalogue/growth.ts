import { z } from 'zod';
import { def, id } from './def';

/** Growth: invitations, referrals and the waitlist. */
export const GROWTH_EVENTS = {
  'invitation.redeemed': def({
    version: 1,
    public: true,
    description: 'An invitation code was redeemed.',
    payload: z.object({ invitationId: id, userId: id }),
    example: { invitationId: 'inv_7Tg3LbX9pQ2d', userId: 'usr_8fK2mQ7xLpT3' },
  }),
  'referral.completed': def({
    version: 1,
    public: true,
    description: 'A referred user converted.',
    payload: z.object({ referralId: id, referrerId: id, referredId: id }),
    example: {
      referralId: 'ref_5Nc8Yw1kRf4J',
      referrerId: 'usr_2Wd7Hs4jVn8Q',
      referredId: 'usr_8fK2mQ7xLpT3',
    },
  }),
  'waitlist.joined': def({
    version: 1,
    public: true,
    description: 'Someone joined the waitlist.',
    payload: z.object({ email: z.string(), position: z.number().int().min(1) }),
    example: { email: 'grace@example.com', position: 42 },
  }),
  'invitation.created': def({
    version: 1,
    public: false,
    description: 'An invitation code was created (by an admin or for a waitlist entry).',
    payload: z.object({
      invitationId: id,
      maxUses: z.number().int(),
      expiresAt: z.string().nullable(),
      waitlistEntryId: z.string().nullable(),
      /** Whom the code was issued to, when an admin named someone (they are mailed the invitation). */
      email: z.string().nullable().optional(),
    }),
  }),
  'invitation.revoked': def({
    version: 1,
    public: false,
    description: 'An admin revoked an invitation code; it no longer redeems.',
    payload: z.object({ invitationId: id }),
  }),
  'referral.signed_up': def({
    version: 1,
    public: false,
    description: 'A newly registered user claimed a referral code.',
    payload: z.object({ referralId: id, referrerId: id, referredId: id }),
  }),
  'waitlist.invited': def({
    version: 1,
    public: false,
    description:
      'A waitlist entry was invited with a single-use invitation code (the acceptance email follows).',
    payload: z.object({
      entryId: id,
      email: z.string(),
      position: z.number().int().min(1),
      invitationId: id,
      code: z.string(),
    }),
  }),
  'waitlist.reminder_due': def({
    version: 1,
    public: false,
    description: 'A waitlist entry has been waiting or invited without joining for too long: follow it up.',
    payload: z.object({
      entryId: id,
      email: z.string(),
      status: z.enum(['waiting', 'invited']),
      position: z.number().int().min(1),
      followUps: z.number().int().min(1),
    }),
  }),
} as const;
