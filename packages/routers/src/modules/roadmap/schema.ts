import { z } from 'zod';
import { ZItemKind, ZSubmissionState } from '../tracker/items/schema';
import { ZRoadmapStatus } from '../tracker/roadmap/schema';

export {
  ITEM_STATUS_FOR,
  isPubliclyVisible,
  ROADMAP_STATUS_OF,
  ROADMAP_STATUSES,
  type TRoadmapStatus,
  ZRoadmapItemUpdateInput,
  ZRoadmapStatus,
  ZSubmissionApproveInput,
  ZSubmissionCreateInput,
  ZSubmissionRejectInput,
} from '../tracker/roadmap/schema';

/** The changelog entry that shipped an item, when it is published. */
export const ZShippedIn = z.object({ entryId: z.string(), version: z.string(), title: z.string() });

/** What anonymous visitors see of a tracker item: its public title and text, never the internal ones. */
export const ZRoadmapItem = z.object({
  id: z.string(),
  kind: ZItemKind,
  title: z.string(),
  body: z.string(),
  status: ZRoadmapStatus,
  votes: z.number().int(),
  /** Public comments only. */
  commentCount: z.number().int(),
  createdAt: z.string(),
  shippedIn: ZShippedIn.nullable(),
});
export type TRoadmapItem = z.infer<typeof ZRoadmapItem>;

export const ZRoadmap = z.object({
  productId: z.string(),
  columns: z.object({
    planned: z.array(ZRoadmapItem),
    in_progress: z.array(ZRoadmapItem),
    shipped: z.array(ZRoadmapItem),
  }),
});
export type TRoadmap = z.infer<typeof ZRoadmap>;

export const ZRoadmapComment = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type TRoadmapComment = z.infer<typeof ZRoadmapComment>;

export const ZRoadmapItemDetail = ZRoadmapItem.extend({ comments: z.array(ZRoadmapComment) });
export type TRoadmapItemDetail = z.infer<typeof ZRoadmapItemDetail>;

const ZItemId = z.string().min(1).max(64);

export const ZRoadmapGetInput = z.object({
  /** The product's id; default: the x-product-id header, else the default product. */
  product: z.string().min(1).max(64).optional(),
});
export const ZRoadmapItemInput = ZRoadmapGetInput.extend({ id: ZItemId });

/** `voted` sets the vote; without it the call flips the caller's vote. */
export const ZRoadmapVoteInput = z.object({ itemId: ZItemId, voted: z.boolean().optional() });

export const ZRoadmapCommentInput = z.object({
  itemId: ZItemId,
  parentId: ZItemId.optional(),
  body: z.string().trim().min(1).max(5000),
});

/** An end user's own suggestion, as they follow it. */
export const ZMySubmission = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  submissionState: ZSubmissionState,
  /** The moderator's reason, when rejected. */
  reason: z.string().nullable(),
  /** Its column once approved and public. */
  status: ZRoadmapStatus.nullable(),
  createdAt: z.string(),
});
export type TMySubmission = z.infer<typeof ZMySubmission>;

export const ZSubmissionListInput = z.object({
  state: ZSubmissionState.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
