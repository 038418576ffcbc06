import { z } from 'zod';

export const ITEM_KINDS = ['bug', 'feature', 'task'] as const;
export const ZItemKind = z.enum(ITEM_KINDS);
export type TItemKind = z.infer<typeof ZItemKind>;

export const ITEM_STATUSES = ['open', 'planned', 'in_progress', 'done', 'closed'] as const;
export const ZItemStatus = z.enum(ITEM_STATUSES);
export type TItemStatus = z.infer<typeof ZItemStatus>;

export const ITEM_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ZItemPriority = z.enum(ITEM_PRIORITIES);
export type TItemPriority = z.infer<typeof ZItemPriority>;

/**
 * A feature suggested by an end user on the public roadmap: pending until an admin approves (it may then be
 * public) or rejects it (with a reason its author reads). Null for items filed any other way.
 */
export const SUBMISSION_STATES = ['pending', 'approved', 'rejected'] as const;
export const ZSubmissionState = z.enum(SUBMISSION_STATES);
export type TSubmissionState = z.infer<typeof ZSubmissionState>;

export const ITEM_SORTS = ['newest', 'updated', 'votes'] as const;
export const ZItemSort = z.enum(ITEM_SORTS);
export type TItemSort = z.infer<typeof ZItemSort>;

export const ITEM_TITLE_MAX = 200;
export const ITEM_BODY_MAX = 20_000;
export const ITEM_TAGS_MAX = 10;

const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Tags are letters, digits, - and _');
const ZTags = z
  .array(ZTag)
  .max(ITEM_TAGS_MAX)
  .transform((tags) => [...new Set(tags)]);
const ZTitle = z.string().trim().min(3).max(ITEM_TITLE_MAX);
/** Markdown, stored as written and rendered by clients. */
const ZBody = z.string().max(ITEM_BODY_MAX);

export const ZTrackerItem = z.object({
  id: z.string(),
  productId: z.string(),
  kind: ZItemKind,
  title: z.string(),
  body: z.string(),
  status: ZItemStatus,
  priority: ZItemPriority,
  tags: z.array(z.string()),
  authorId: z.string(),
  votes: z.number().int(),
  commentCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  statusChangedAt: z.string().nullable(),
  // The public roadmap's fields. Defaults are the values items stored before the roadmap existed read as
  // (migration 003 writes them in).
  /** Shown on the public roadmap (see roadmap/visibility.ts for the whole rule). */
  public: z.boolean().default(false),
  /** What the public sees instead of the internal title and body, when set. */
  publicTitle: z.string().nullable().default(null),
  publicBody: z.string().nullable().default(null),
  submissionState: ZSubmissionState.nullable().default(null),
  /** Why a submission was rejected; its author sees it. */
  submissionReason: z.string().nullable().default(null),
  moderatedBy: z.string().nullable().default(null),
  moderatedAt: z.string().nullable().default(null),
  /** The changelog entry (id `v<version>`) that shipped the item. */
  changelogEntryId: z.string().nullable().default(null),
  /** Comments posted on the public roadmap that are not deleted. */
  publicCommentCount: z.number().int().default(0),
});
export type TTrackerItem = z.infer<typeof ZTrackerItem>;

export const ZItemIdInput = z.object({ id: z.string().min(1).max(64) });

export const ZItemListInput = z.object({
  kind: ZItemKind.optional(),
  status: ZItemStatus.optional(),
  tag: ZTag.optional(),
  authorId: z.string().min(1).max(128).optional(),
  sort: ZItemSort.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TItemListInput = z.infer<typeof ZItemListInput>;

export const ZItemListOutput = z.object({ items: z.array(ZTrackerItem), nextCursor: z.string().nullable() });

export const ZItemCreateInput = z.object({
  kind: ZItemKind,
  title: ZTitle,
  body: ZBody.default(''),
  tags: ZTags.default([]),
});
export type TItemCreateInput = z.infer<typeof ZItemCreateInput>;

export const ZItemUpdateInput = z
  .object({
    id: z.string().min(1).max(64),
    title: ZTitle.optional(),
    body: ZBody.optional(),
    tags: ZTags.optional(),
  })
  .refine((v) => v.title !== undefined || v.body !== undefined || v.tags !== undefined, {
    message: 'Nothing to update',
    path: ['title'],
  });
export type TItemUpdateInput = z.infer<typeof ZItemUpdateInput>;

export const ZItemTriageInput = z
  .object({
    id: z.string().min(1).max(64),
    status: ZItemStatus.optional(),
    priority: ZItemPriority.optional(),
  })
  .refine((v) => v.status !== undefined || v.priority !== undefined, {
    message: 'Give a status or a priority',
    path: ['status'],
  });
export type TItemTriageInput = z.infer<typeof ZItemTriageInput>;

export const ZItemDeleteOutput = z.object({ id: z.string(), deleted: z.boolean() });
