import type { TTrackerItem } from './schema';

type RoadmapFields =
  | 'public'
  | 'publicTitle'
  | 'publicBody'
  | 'submissionState'
  | 'submissionReason'
  | 'moderatedBy'
  | 'moderatedAt'
  | 'changelogEntryId'
  | 'publicCommentCount';

/** The public roadmap's fields of an item filed in the tracker: internal, not a submission, not shipped. */
export const ROADMAP_DEFAULTS: Pick<TTrackerItem, RoadmapFields> = {
  public: false,
  publicTitle: null,
  publicBody: null,
  submissionState: null,
  submissionReason: null,
  moderatedBy: null,
  moderatedAt: null,
  changelogEntryId: null,
  publicCommentCount: 0,
};

/** An item as stored before the roadmap existed reads with the defaults (a guard beside migration 003). */
export const withRoadmapDefaults = <T extends Partial<TTrackerItem>>(
  doc: T,
): T & typeof ROADMAP_DEFAULTS => ({
  ...ROADMAP_DEFAULTS,
  ...doc,
});
