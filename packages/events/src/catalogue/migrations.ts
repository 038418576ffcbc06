import { z } from 'zod';
import { def, id } from './def';

const ZTrigger = z.enum(['startup', 'approval', 'retry', 'rollback']);

/**
 * Schema migrations (roadmap §2.8): each status change of a migration's record, committed with it. Internal;
 * recorded under the `platform` product, like the records themselves.
 */
export const MIGRATION_EVENTS = {
  'migration.applied': def({
    version: 1,
    public: false,
    description: 'A migration ran up to the end: at start-up, after its approval, or run again by an admin.',
    payload: z.object({
      migrationId: id,
      version: z.number().int().min(1),
      durationMs: z.number().int().min(0),
      trigger: ZTrigger,
    }),
  }),
  'migration.failed': def({
    version: 1,
    public: false,
    description:
      'A migration threw, running up or rolling back; later migrations wait until it is run again.',
    payload: z.object({
      migrationId: id,
      version: z.number().int().min(1),
      direction: z.enum(['up', 'down']),
      error: z.string(),
      trigger: ZTrigger,
    }),
  }),
  'migration.approval_required': def({
    version: 1,
    public: false,
    description: 'An irreversible migration is waiting for a super_admin to approve it after a backup.',
    payload: z.object({ migrationId: id, version: z.number().int().min(1), description: z.string() }),
  }),
  'migration.approved': def({
    version: 1,
    public: false,
    description: 'A super_admin approved an irreversible migration; it runs at once.',
    payload: z.object({ migrationId: id, version: z.number().int().min(1), backup: z.string() }),
  }),
  'migration.rolled_back': def({
    version: 1,
    public: false,
    description: 'An applied reversible migration was rolled back by an admin.',
    payload: z.object({
      migrationId: id,
      version: z.number().int().min(1),
      durationMs: z.number().int().min(0),
    }),
  }),
} as const;
