import type { ContainerDef } from '@bytelyst/db/document-store';

/** The themes module's one container; created at start-up with every other module's (see services.ts). */
export const THEMES_CONTAINERS = {
  /**
   * Per product: the theme document (id `theme`: the draft, and a copy of the published tokens so a client's
   * launch fetch is one point read) and one frozen document per published version (id `v<n>`, so a version
   * number is unique by the store's own create conflict).
   */
  themes: {
    name: 'themes',
    partitionKey: ['productId'],
    indexes: [['version']],
  },
} as const satisfies Record<string, ContainerDef>;
