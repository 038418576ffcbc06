import { z } from 'zod';
import { def, id } from './def';

const kind = z.enum(['backup', 'verify', 'restore']);

/**
 * Logical backups of the whole store, their verification and restores: one job document each in
 * `backup_runs`, its state changes committed with these events. Internal: a backup is the platform's own business.
 */
export const BACKUPS_EVENTS = {
  'backup.requested': def({
    version: 1,
    public: false,
    description:
      'A backup, a verification or a restore was asked for (`trigger` manual or schedule); a worker runs it.',
    payload: z.object({ jobId: id, kind, backupId: id, trigger: z.enum(['manual', 'schedule']) }),
  }),
  'backup.completed': def({
    version: 1,
    public: false,
    description: 'A backup wrote every container to blob storage with its manifest (`documents`, `bytes`).',
    payload: z.object({
      jobId: id,
      containers: z.number().int().min(0),
      documents: z.number().int().min(0),
      bytes: z.number().int().min(0),
      durationMs: z.number().int().min(0),
    }),
  }),
  'backup.verified': def({
    version: 1,
    public: false,
    description: "A backup's files were checked against its manifest: `ok`, or the `problems` found.",
    payload: z.object({ jobId: id, backupId: id, ok: z.boolean(), problems: z.array(z.string()) }),
  }),
  'backup.restored': def({
    version: 1,
    public: false,
    description: 'A restore wrote a backup back (`container`, or null for all): counts written and removed.',
    payload: z.object({
      jobId: id,
      backupId: id,
      container: z.string().nullable(),
      written: z.number().int().min(0),
      removed: z.number().int().min(0),
    }),
  }),
  'backup.failed': def({
    version: 1,
    public: false,
    description: 'A backup, verification or restore stopped on an error (a backup leaves no files behind).',
    payload: z.object({ jobId: id, kind, error: z.string() }),
  }),
  'backup.pruned': def({
    version: 1,
    public: false,
    description: "A backup's files were deleted by the pruning policy (keep count and days).",
    payload: z.object({ backupId: id, files: z.number().int().min(0) }),
  }),
} as const;
