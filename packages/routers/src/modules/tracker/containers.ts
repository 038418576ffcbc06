import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const TRACKER_CONTAINERS = {
  /** Filters (kind, status, tag) combine with one of three sorts: newest, recently updated, most voted. */
  trackerItems: {
    name: 'tracker_items',
    partitionKey: ['productId'],
    indexes: [
      ['createdAt'],
      ['updatedAt'],
      ['votes', 'createdAt'],
      ['status', 'createdAt'],
      ['kind', 'createdAt'],
      // The public roadmap (most voted first) and the moderation queue (oldest pending first).
      ['public', 'votes', 'createdAt'],
      ['submissionState', 'createdAt'],
    ],
  },
  /** Read a whole item's thread in creation order; the tree is rebuilt from `parentId`. */
  comments: {
    name: 'comments',
    partitionKey: ['productId'],
    indexes: [['itemId', 'createdAt'], ['parentId'], ['authorId']],
  },
  /** id `targetId:userId`, so one vote per user per item; the item's `votes` is recounted from these. */
  votes: {
    name: 'votes',
    partitionKey: ['productId'],
    indexes: [['targetId'], ['userId', 'createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
