import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const GROWTH_CONTAINERS = {
  invitationCodes: {
    name: 'invitation_codes',
    partitionKey: ['productId'],
    // `expiresKey` is expiresAt, or a far-future sentinel when the code never expires, so "active" and
    // "expired" are each one range condition.
    indexes: [['code'], ['createdAt'], ['status', 'createdAt'], ['waitlistEntryId']],
  },
  /** One document per (invitation, user): its id makes a second redemption by the same user a conflict. */
  invitationRedemptions: {
    name: 'invitation_redemptions',
    partitionKey: ['productId'],
    indexes: [['invitationId', 'redeemedAt'], ['userId']],
  },
  referrals: {
    name: 'referrals',
    partitionKey: ['productId'],
    indexes: [['referrerId', 'createdAt'], ['referredId'], ['code'], ['status', 'createdAt'], ['createdAt']],
  },
  /** One per user (id = user id): their stable referral code, who referred them, and their referral counts. */
  referralCodes: {
    name: 'referral_codes',
    partitionKey: ['productId'],
    indexes: [['code'], ['signups'], ['conversions']],
  },
  waitlist: {
    name: 'waitlist',
    partitionKey: ['productId'],
    indexes: [
      ['emailLower'],
      ['position'],
      ['status', 'position'],
      ['createdAt'],
      ['tokenHash'],
      ['status', 'activityAt'],
    ],
  },
  /** Monotonic counters (the waitlist's next position), advanced with ifMatch. */
  growthCounters: {
    name: 'growth_counters',
    partitionKey: ['productId'],
  },
} as const satisfies Record<string, ContainerDef>;
