import { z } from 'zod';

/** Longest memory text: a long note or a transcript excerpt, not a whole book. */
export const MEMORY_TEXT_MAX = 20_000;
export const MEMORY_TAGS_MAX = 20;

/** A tag: lower-case words, digits, `-` and `_`, as the apps show them in chips. */
const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{Ll}\p{Lo}\p{N}_-]+(?: [\p{Ll}\p{Lo}\p{N}_-]+)*$/u, 'Use letters, digits, spaces, - and _');

const ZTags = z
  .array(ZTag)
  .max(MEMORY_TAGS_MAX)
  .transform((tags) => [...new Set(tags)]);

/** Where the memory came from: the app's own words (`voice_note`, `web_clip`, `import:notion`, ...). */
const ZSource = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.:-]*$/, 'Use lower-case letters, digits, _ . : and -');

/** A file uploaded first through `POST /v1/blob/upload-url` to the `attachments` container. */
export const ZMemoryAttachmentRef = z.object({ key: z.string().min(1).max(512) });

export const ZMemoryAttachment = z.object({
  container: z.literal('attachments'),
  key: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});

export const ZMemoryItem = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  text: z.string(),
  source: z.string(),
  tags: z.array(z.string()),
  attachment: ZMemoryAttachment.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when an admin moved the item from another user; who had it and when. */
  reassignedFrom: z.object({ userId: z.string(), at: z.string(), by: z.string() }).nullable(),
});
export type TMemoryItem = z.infer<typeof ZMemoryItem>;

export const ZMemoryItemDetail = ZMemoryItem.extend({
  /** A signed download URL of the attachment, valid for an hour; null without one. */
  attachmentUrl: z.string().nullable(),
});

const ZText = z.string().trim().min(1, 'Write something to remember').max(MEMORY_TEXT_MAX);

export const ZMemoryCreateInput = z
  .object({
    text: ZText,
    source: ZSource.default('app'),
    tags: ZTags.default([]),
    attachment: ZMemoryAttachmentRef.optional(),
  })
  .strict();
export type TMemoryCreateInput = z.input<typeof ZMemoryCreateInput>;

export const ZMemoryUpdateInput = z
  .object({
    id: z.string().min(1).max(64),
    text: ZText.optional(),
    tags: ZTags.optional(),
    /** null removes the attachment (and deletes the file). */
    attachment: ZMemoryAttachmentRef.nullable().optional(),
  })
  .strict();
export type TMemoryUpdateInput = z.input<typeof ZMemoryUpdateInput>;

export const ZMemoryIdInput = z.object({ id: z.string().min(1).max(64) });

export const ZMemoryReassignInput = z.object({
  id: z.string().min(1).max(64),
  userId: z.string().min(1).max(128),
});

const listFilters = {
  /** Items carrying this tag. */
  tag: ZTag.optional(),
  /** Items whose text contains these words (case-insensitive substring). */
  q: z.string().trim().min(1).max(200).optional(),
  source: ZSource.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
};

export const ZMemoryListMineInput = z.object(listFilters);
export type TMemoryListMineInput = z.infer<typeof ZMemoryListMineInput>;

export const ZMemoryListInput = z.object({ ...listFilters, userId: z.string().min(1).max(128).optional() });
export type TMemoryListInput = z.infer<typeof ZMemoryListInput>;

export const ZMemoryListOutput = z.object({ items: z.array(ZMemoryItem), nextCursor: z.string().nullable() });
