import { z } from 'zod';
import { def, id } from './def';

const ZItemStatus = z.enum(['open', 'planned', 'in_progress', 'done', 'closed']);

/** Content: tracker items, comments and votes; blob deletions. Internal only (not in the webhook catalogue). */
export const CONTENT_EVENTS = {
  'tracker.item_created': def({
    version: 1,
    public: false,
    description: 'A tracker item (bug, feature or task) was created.',
    payload: z.object({
      itemId: id,
      kind: z.enum(['bug', 'feature', 'task']),
      authorId: id,
      title: z.string(),
    }),
  }),
  'tracker.item_updated': def({
    version: 1,
    public: false,
    description: "A tracker item's title, body or tags were edited (by its author or an admin).",
    payload: z.object({ itemId: id, changes: z.array(z.enum(['title', 'body', 'tags'])) }),
    example: { itemId: 'trk_8fK2mQ7xL', changes: ['title'] },
  }),
  'tracker.item_status_changed': def({
    version: 1,
    public: false,
    description: "A tracker item's status changed (triage by an admin).",
    payload: z.object({ itemId: id, authorId: id, from: ZItemStatus, to: ZItemStatus }),
  }),
  'tracker.item_deleted': def({
    version: 1,
    public: false,
    description: 'A tracker item was deleted with its comments and votes.',
    payload: z.object({ itemId: id }),
  }),
  'tracker.comment_created': def({
    version: 1,
    public: false,
    description: 'A comment (or a reply to one) was posted on a tracker item.',
    payload: z.object({ commentId: id, itemId: id, parentId: z.string().nullable(), authorId: id }),
  }),
  'tracker.comment_deleted': def({
    version: 1,
    public: false,
    description: 'A comment was deleted (its place in the thread is kept).',
    payload: z.object({ commentId: id, itemId: id, byAdmin: z.boolean() }),
  }),
  'blob.deleted': def({
    version: 1,
    public: false,
    description: 'An admin deleted a blob from one of the storage containers.',
    payload: z.object({ container: z.string(), key: z.string() }),
  }),
} as const;
