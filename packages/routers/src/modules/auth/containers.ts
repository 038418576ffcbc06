import type { ContainerDef } from '@bytelyst/db/document-store';
import { DAY_SECONDS } from '../../lib/time';

/**
 * The containers this module owns; created at start-up with every other module's (see services.ts). One-time
 * tokens (roadmap §2.5): only their SHA-256 is stored, and each expires from the store a day after it was made
 * (the token itself is valid for less: an hour for a reset, a day for a verification).
 */
export const AUTH_CONTAINERS = {
  passwordResetTokens: {
    name: 'password_reset_tokens',
    partitionKey: ['productId'],
    defaultTtl: DAY_SECONDS,
    indexes: [['userId']],
  },
  emailVerifications: {
    name: 'email_verifications',
    partitionKey: ['productId'],
    defaultTtl: DAY_SECONDS,
    indexes: [['userId']],
  },
  /**
   * Failed sign-ins per account (login-throttle.ts): id is a hash of product and address, so no address is
   * stored; a document is forgotten a day after its last failure.
   */
  loginThrottles: {
    name: 'login_throttles',
    partitionKey: ['productId'],
    defaultTtl: DAY_SECONDS,
  },
} as const satisfies Record<string, ContainerDef>;
