import { z } from 'zod';
import { def, id } from './def';

/**
 * The public roadmap (roadmap §1.1 public): end users' feature submissions and their moderation, and what an
 * admin shows of a tracker item in public. Internal: the public face is the roadmap endpoint itself.
 */

const ZRoadmapStatus = z.enum(['planned', 'in_progress', 'shipped']);

export const ROADMAP_EVENTS = {
  'roadmap.submitted': def({
    version: 1,
    public: false,
    description: 'A signed-in user suggested a feature; it waits for moderation and is not public yet.',
    payload: z.object({ itemId: id, authorId: id, title: z.string() }),
  }),
  'roadmap.approved': def({
    version: 1,
    public: false,
    description:
      'An admin approved a feature submission: it is public on the roadmap with the chosen status.',
    payload: z.object({ itemId: id, authorId: id, status: ZRoadmapStatus }),
  }),
  'roadmap.rejected': def({
    version: 1,
    public: false,
    description: 'An admin rejected a feature submission with a reason its author can read.',
    payload: z.object({ itemId: id, authorId: id, reason: z.string() }),
  }),
  'roadmap.item_updated': def({
    version: 1,
    public: false,
    description:
      "An admin changed a tracker item's public face: shown or hidden, public title or text, shipping changelog entry.",
    payload: z.object({
      itemId: id,
      public: z.boolean(),
      changes: z.array(z.enum(['public', 'publicTitle', 'publicBody', 'changelogEntryId'])),
    }),
  }),
} as const;
