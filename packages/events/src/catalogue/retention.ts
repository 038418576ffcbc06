import { z } from 'zod';
import { def, id } from './def';

const counts = z.record(z.string(), z.number().int().min(0));

/**
 * Retention policies and legal holds (roadmap §2.23): each change committed with the record it changes. A run's
 * end is recorded under the platform product (`*`), like the job that runs it. Internal: what is kept and for how
 * long is no receiver's business.
 */
export const RETENTION_EVENTS = {
  'retention.policy_updated': def({
    version: 1,
    public: false,
    description: 'A super_admin changed how many days a container keeps its documents in this product.',
    payload: z.object({
      container: z.string(),
      days: z.number().int().min(1),
      previousDays: z.number().int().min(1),
    }),
  }),
  'retention.hold_placed': def({
    version: 1,
    public: false,
    description:
      "An admin placed a legal hold on a user: none of the user's documents expire or are removed.",
    payload: z.object({ holdId: id, userId: id, reason: z.string() }),
  }),
  'retention.hold_released': def({
    version: 1,
    public: false,
    description:
      "An admin released a legal hold; the user's documents follow the policies again once no other hold is left.",
    payload: z.object({ holdId: id, userId: id, otherActiveHolds: z.number().int().min(0) }),
  }),
  'retention.run_finished': def({
    version: 1,
    public: false,
    description:
      'A retention cleanup run ended (succeeded, failed or interrupted), with the documents it removed per container across all products.',
    payload: z.object({
      runId: id,
      status: z.enum(['succeeded', 'failed', 'interrupted']),
      removed: counts,
      exempt: counts,
      durationMs: z.number().int().min(0),
    }),
  }),
} as const;
