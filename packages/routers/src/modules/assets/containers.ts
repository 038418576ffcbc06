import type { ContainerDef } from '@bytelyst/db/document-store';

/** The assets module's containers; the variant and release bytes themselves live in the `assets` blob container. */
export const ASSETS_CONTAINERS = {
  /** One document per confirmed avatar upload: its processing state, and why it failed if it did. */
  avatarUploads: {
    name: 'avatar_uploads',
    partitionKey: ['productId'],
    indexes: [['userId', 'createdAt']],
    // Only the latest upload matters to anyone; older records go after 90 days.
    defaultTtl: 90 * 24 * 60 * 60,
  },
  /** Registered release binaries (id `<platform>:<channel>:<version>`, unique by the store's create conflict). */
  releases: {
    name: 'releases',
    partitionKey: ['productId'],
    indexes: [['platform', 'channel', 'versionKey'], ['createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
