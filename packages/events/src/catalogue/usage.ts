import { z } from 'zod';
import { def, id } from './def';

/** Usage metering and quotas. */
export const USAGE_EVENTS = {
  'usage.quota_exceeded': def({
    version: 1,
    public: false,
    description: 'A user first hit a quota in a period (once per user, metric and period).',
    payload: z.object({
      userId: id,
      metric: z.string(),
      limit: z.number().int(),
      period: z.enum(['day', 'month']),
      resetsAt: z.string(),
    }),
  }),
} as const;
