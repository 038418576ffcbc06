import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const DUNNING_CONTAINERS = {
  /**
   * One document per failing invoice (its id is Stripe's invoice id): the case and its stage, the mails it sent,
   * its outcome. An invoice paid before any failure was seen leaves a short-lived `settled` marker under the same
   * id (its own `ttl`), so a failure event Stripe delivers late cannot open a case for a paid invoice.
   */
  dunningCases: {
    name: 'dunning_cases',
    partitionKey: ['productId'],
    indexes: [['startedAt'], ['graceEndsAt'], ['recoveredAt']],
  },
} as const satisfies Record<string, ContainerDef>;
