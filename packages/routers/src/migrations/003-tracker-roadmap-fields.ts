import { updateEach } from '@bytelyst/db/migrations/backfill';
import type { Migration } from '@bytelyst/db/migrations/definition';
import type { TComment } from '../modules/tracker/comments/schema';
import { TRACKER_CONTAINERS } from '../modules/tracker/containers';
import { ROADMAP_DEFAULTS } from '../modules/tracker/items/roadmap-defaults';
import type { TTrackerItem } from '../modules/tracker/items/schema';

const items = TRACKER_CONTAINERS.trackerItems.name;
const comments = TRACKER_CONTAINERS.comments.name;
const FIELDS = Object.keys(ROADMAP_DEFAULTS) as (keyof typeof ROADMAP_DEFAULTS)[];

type StoredItem = Omit<TTrackerItem, keyof typeof ROADMAP_DEFAULTS> & Partial<typeof ROADMAP_DEFAULTS>;
type StoredComment = Omit<TComment, 'public'> & { public?: boolean };

/**
 * Tracker items and comments stored before the public roadmap read as internal: not public, not a submission,
 * no changelog link, no public comments. This writes those values in, so every stored item says what it is.
 * `down` takes out exactly what equals the defaults, which reads the same.
 */
export const trackerRoadmapFields: Migration = {
  version: 3,
  name: 'tracker_roadmap_fields',
  description:
    'Tracker items and comments stored before the public roadmap get its fields (internal, not public)',
  reversible: true,
  async up(ctx) {
    await updateEach<StoredItem>(ctx, items, { public: { exists: false } }, (doc) =>
      doc.public !== undefined ? null : { ...ROADMAP_DEFAULTS, ...doc },
    );
    await updateEach<StoredComment>(ctx, comments, { public: { exists: false } }, (doc) =>
      doc.public !== undefined ? null : { ...doc, public: false },
    );
  },
  async down(ctx) {
    await updateEach<StoredItem>(ctx, items, { public: { eq: false } }, (doc) => {
      if (!FIELDS.every((field) => doc[field] === ROADMAP_DEFAULTS[field])) return null;
      const rest: Record<string, unknown> = { ...doc };
      for (const field of FIELDS) delete rest[field];
      return rest as StoredItem;
    });
    await updateEach<StoredComment>(ctx, comments, { public: { eq: false } }, (doc) => {
      if (doc.public !== false) return null;
      const { public: _unset, ...rest } = doc;
      return rest;
    });
  },
};
