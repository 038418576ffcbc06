import type { ContainerDef } from '../document-store';

/** Content (roadmap §1.1): tracker items, threaded comments and votes. */
export const CONTENT_CONTAINERS = {
  trackerItems: {
    name: 'tracker_items',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['status', 'createdAt'], ['kind', 'createdAt'], ['votes'], ['updatedAt']],
  },
  comments: {
    name: 'comments',
    partitionKey: ['productId'],
    indexes: [['itemId', 'createdAt'], ['parentId']],
  },
  /** id `targetId:userId`, so one vote per user per item or comment. */
  votes: { name: 'votes', partitionKey: ['productId'], indexes: [['targetId'], ['userId', 'createdAt']] },
} as const satisfies Record<string, ContainerDef>;
