import type { ContainerDef } from '@bytelyst/db/document-store';
import { DAY_SECONDS } from '../../lib/time';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const ACCOUNT_CONTAINERS = {
  /**
   * Scheduled account deletions, id = the user's id: present while one is scheduled, removed when it is cancelled
   * or carried out. `scheduledFor` finds the due ones across products (the daily deletion job).
   */
  accountDeletions: {
    name: 'account_deletions',
    partitionKey: ['productId'],
    indexes: [['scheduledFor']],
  },
  /**
   * One-time tokens of a change of address (auth/one-time-tokens.ts, prefix `ec`): only the hash is stored,
   * with the new address in `email`; a token works for a day and is forgotten a day after it was made.
   */
  emailChangeTokens: {
    name: 'email_change_tokens',
    partitionKey: ['productId'],
    defaultTtl: DAY_SECONDS,
    indexes: [['userId']],
  },
} as const satisfies Record<string, ContainerDef>;
