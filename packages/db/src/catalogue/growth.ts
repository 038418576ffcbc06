import type { ContainerDef } from '../document-store';

/** Growth (roadmap §1.1): invitation codes, referrals and the pre-launch waitlist. */
export const GROWTH_CONTAINERS = {
  invitationCodes: {
    name: 'invitation_codes',
    partitionKey: ['productId'],
    indexes: [['code'], ['createdAt'], ['status', 'createdAt']],
  },
  referrals: {
    name: 'referrals',
    partitionKey: ['productId'],
    indexes: [['referrerId', 'createdAt'], ['referredId'], ['code'], ['status', 'createdAt'], ['createdAt']],
  },
  waitlist: {
    name: 'waitlist',
    partitionKey: ['productId'],
    indexes: [['emailLower'], ['position'], ['status', 'position'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
