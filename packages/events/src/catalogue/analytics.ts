import { z } from 'zod';
import { def, id } from './def';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Analytics definitions and recomputes: what counts as active, the features and the funnels a product measures,
 * and each rebuild of its rollups. Internal; the audit log's `admin.action` records who asked.
 */
export const ANALYTICS_EVENTS = {
  'analytics.definitions_changed': def({
    version: 1,
    public: false,
    description:
      "A product's analytics definitions changed: the active-event setting, the feature list or a funnel. " +
      'Rollups already written keep the definitions they were computed with until the range is recomputed.',
    payload: z.object({
      part: z.enum(['activity', 'features', 'funnel']),
      /** The funnel's id for `funnel`; null otherwise. */
      funnelId: z.string().nullable(),
      deleted: z.boolean(),
    }),
    example: { part: 'funnel', funnelId: 'default', deleted: false },
  }),
  'analytics.recompute_requested': def({
    version: 1,
    public: false,
    description: 'A rebuild of the rollups of a range of days from the raw data was queued.',
    payload: z.object({ recomputeId: id, from: ZDay, to: ZDay }),
    example: { recomputeId: 'rcp_4kd82m', from: '2026-03-01', to: '2026-05-31' },
  }),
  'analytics.recompute_finished': def({
    version: 1,
    public: false,
    description: 'A rebuild of the rollups ended, with its outcome.',
    payload: z.object({
      recomputeId: id,
      from: ZDay,
      to: ZDay,
      status: z.enum(['succeeded', 'failed']),
      error: z.string().nullable(),
      durationMs: z.number().int().min(0),
    }),
    example: {
      recomputeId: 'rcp_4kd82m',
      from: '2026-03-01',
      to: '2026-05-31',
      status: 'succeeded',
      error: null,
      durationMs: 5210,
    },
  }),
} as const;
