import { z } from 'zod';
import { def, id } from './def';

const counts = z.record(z.string(), z.number().int().min(0));

/**
 * Admin search: each rebuild of a product's search index from its sources. Internal; the audit log's
 * `admin.action` records who asked.
 */
export const SEARCH_EVENTS = {
  'search.rebuild_requested': def({
    version: 1,
    public: false,
    description: "A rebuild of a product's search index from the records it covers was queued.",
    payload: z.object({ rebuildId: id, types: z.array(z.string()) }),
    example: { rebuildId: 'srb_4kd82m9x', types: ['user', 'tracker_item', 'audit', 'feedback'] },
  }),
  'search.rebuild_finished': def({
    version: 1,
    public: false,
    description:
      'A rebuild of the search index ended: `indexed` records per type, `removed` entries no source holds any more.',
    payload: z.object({
      rebuildId: id,
      status: z.enum(['succeeded', 'failed']),
      indexed: counts,
      removed: z.number().int().min(0),
      error: z.string().nullable(),
      durationMs: z.number().int().min(0),
    }),
    example: {
      rebuildId: 'srb_4kd82m9x',
      status: 'succeeded',
      indexed: { user: 1200, tracker_item: 310, audit: 5400, feedback: 88 },
      removed: 2,
      error: null,
      durationMs: 4100,
    },
  }),
} as const;
