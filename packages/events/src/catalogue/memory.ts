import { z } from 'zod';
import { def, id } from './def';

/**
 * Memory items (MindLyst's content): a user's notes, clips and transcripts. Public so a product's own services
 * can follow them by webhook; the payloads carry ids, tags and the source, never the text.
 */
export const MEMORY_EVENTS = {
  'memory.created': def({
    version: 1,
    public: true,
    description: 'A user saved a memory item.',
    payload: z.object({
      itemId: id,
      userId: id,
      source: z.string(),
      tags: z.array(z.string()),
      hasAttachment: z.boolean(),
    }),
    example: {
      itemId: 'mem_8Kq2',
      userId: 'usr_41',
      source: 'voice_note',
      tags: ['ideas'],
      hasAttachment: false,
    },
  }),
  'memory.updated': def({
    version: 1,
    public: true,
    description: "A memory item's text, tags or attachment changed; a replaced attachment's key is named.",
    payload: z.object({
      itemId: id,
      userId: id,
      fields: z.array(z.enum(['text', 'tags', 'attachment'])),
      removedAttachmentKey: z.string().nullable(),
    }),
    example: { itemId: 'mem_8Kq2', userId: 'usr_41', fields: ['tags'], removedAttachmentKey: null },
  }),
  'memory.reassigned': def({
    version: 1,
    public: true,
    description: 'An admin moved a memory item to another user of the product.',
    payload: z.object({ itemId: id, fromUserId: id, toUserId: id }),
    example: { itemId: 'mem_8Kq2', fromUserId: 'usr_41', toUserId: 'usr_77' },
  }),
  'memory.deleted': def({
    version: 1,
    public: true,
    description:
      'A memory item was deleted by its owner, by an admin, or with its deleted user; its attachment goes after.',
    payload: z.object({
      itemId: id,
      userId: id,
      reason: z.enum(['owner', 'admin', 'user_deleted']),
      attachmentKey: z.string().nullable(),
    }),
    example: { itemId: 'mem_8Kq2', userId: 'usr_41', reason: 'owner', attachmentKey: null },
  }),
} as const;
