import { z } from 'zod';
import { ITEM_BODY_MAX, ITEM_TITLE_MAX, type TItemStatus, type TTrackerItem } from '../items/schema';

/**
 * The public roadmap's view of the tracker. Three columns, from the tracker's statuses:
 * open and planned -> planned; in_progress -> in progress; done -> shipped; closed (dropped) -> not shown.
 */
export const ROADMAP_STATUSES = ['planned', 'in_progress', 'shipped'] as const;
export const ZRoadmapStatus = z.enum(ROADMAP_STATUSES);
export type TRoadmapStatus = z.infer<typeof ZRoadmapStatus>;

export const ROADMAP_STATUS_OF: Record<TItemStatus, TRoadmapStatus | null> = {
  open: 'planned',
  planned: 'planned',
  in_progress: 'in_progress',
  done: 'shipped',
  closed: null,
};

/** The tracker status an admin's roadmap choice sets. */
export const ITEM_STATUS_FOR: Record<TRoadmapStatus, TItemStatus> = {
  planned: 'planned',
  in_progress: 'in_progress',
  shipped: 'done',
};

/**
 * Whether anonymous visitors see the item: marked public, not a submission still pending or rejected, and in a
 * roadmap column (a closed item is not). The one rule every public read applies.
 */
export const isPubliclyVisible = (
  item: Pick<TTrackerItem, 'public' | 'submissionState' | 'status'>,
): boolean =>
  item.public === true &&
  item.submissionState !== 'pending' &&
  item.submissionState !== 'rejected' &&
  ROADMAP_STATUS_OF[item.status] !== null;

const ZTitle = z.string().trim().min(3).max(ITEM_TITLE_MAX);
const ZBody = z.string().trim().max(ITEM_BODY_MAX);
const ZId = z.string().min(1).max(64);
export const REJECTION_REASON_MAX = 1000;

export const ZSubmissionCreateInput = z.object({ title: ZTitle, body: ZBody.default('') });
export type TSubmissionCreateInput = z.infer<typeof ZSubmissionCreateInput>;

export const ZSubmissionApproveInput = z.object({
  id: ZId,
  status: ZRoadmapStatus,
  publicTitle: ZTitle.optional(),
  publicBody: ZBody.optional(),
});
export type TSubmissionApproveInput = z.infer<typeof ZSubmissionApproveInput>;

export const ZSubmissionRejectInput = z.object({
  id: ZId,
  reason: z.string().trim().min(3).max(REJECTION_REASON_MAX),
});
export type TSubmissionRejectInput = z.infer<typeof ZSubmissionRejectInput>;

/** An admin's change to an item's public face; null clears a public title or text, or the changelog link. */
export const ZRoadmapItemUpdateInput = z
  .object({
    id: ZId,
    public: z.boolean().optional(),
    publicTitle: ZTitle.nullable().optional(),
    publicBody: ZBody.nullable().optional(),
    changelogEntryId: z.string().trim().min(1).max(80).nullable().optional(),
  })
  .refine(
    (v) =>
      v.public !== undefined ||
      v.publicTitle !== undefined ||
      v.publicBody !== undefined ||
      v.changelogEntryId !== undefined,
    { message: 'Nothing to update', path: ['public'] },
  );
export type TRoadmapItemUpdateInput = z.infer<typeof ZRoadmapItemUpdateInput>;
