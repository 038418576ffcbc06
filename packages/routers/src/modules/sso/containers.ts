import type { ContainerDef } from '@bytelyst/db/document-store';

/** How long a started sign-in may take before it must start again. */
export const SSO_STATE_TTL_SECONDS = 10 * 60;

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const SSO_CONTAINERS = {
  ssoProviders: {
    name: 'sso_providers',
    partitionKey: ['productId'],
    indexes: [['createdAt']],
  },
  /** Started sign-ins, keyed by the state's hash, so any instance can finish one; single use. */
  ssoStates: {
    name: 'sso_states',
    partitionKey: ['productId'],
    defaultTtl: SSO_STATE_TTL_SECONDS,
  },
} as const satisfies Record<string, ContainerDef>;
