import { z } from 'zod';

export const MIGRATION_ID_PATTERN = /^\d{3,}_[a-z0-9]+(?:_[a-z0-9]+)*$/;

export const ZMigrationStatus = z.enum([
  'pending',
  'running',
  'applied',
  'failed',
  'rolled_back',
  'pending_approval',
]);
export type TMigrationStatus = z.infer<typeof ZMigrationStatus>;

export const ZMigrationDirection = z.enum(['up', 'down']);

const iso = z.string().nullable();

export const ZMigration = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  reversible: z.boolean(),
  status: ZMigrationStatus,
  /** False for a record whose migration this release does not list. */
  registered: z.boolean(),
  /** For one not yet run: the earlier migration it waits for. */
  waitingFor: z.string().nullable(),
  canRollBack: z.boolean(),
  appliedAt: iso,
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  direction: ZMigrationDirection.nullable(),
  startedAt: iso,
  attempts: z.number().int(),
  instanceId: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: iso,
  backup: z.string().nullable(),
  rolledBackAt: iso,
  rolledBackBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type TMigration = z.infer<typeof ZMigration>;

/** How an irreversible migration's backup precondition is met on this deployment. */
export const ZBackupPolicy = z.object({
  /** `check`: a backup facility answers; `external`: backups are taken outside the platform; `none`: approval is refused. */
  mode: z.enum(['check', 'external', 'none']),
  detail: z.string(),
});
export type TBackupPolicy = z.infer<typeof ZBackupPolicy>;

export const ZMigrationList = z.object({
  items: z.array(ZMigration),
  counts: z.object({
    applied: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
    awaitingApproval: z.number().int(),
    rolledBack: z.number().int(),
  }),
  /** The runner holding the migrations lease now, if any. */
  lease: z.object({ holder: z.string(), expiresAt: z.string() }).nullable(),
  backups: ZBackupPolicy,
});
export type TMigrationList = z.infer<typeof ZMigrationList>;

export const ZMigrationIdInput = z.object({
  id: z
    .string()
    .trim()
    .max(120)
    .regex(MIGRATION_ID_PATTERN, 'Expected a migration id such as 001_users_email_verified'),
});

export const ZMigrationPreviewInput = ZMigrationIdInput.extend({
  direction: ZMigrationDirection.default('up'),
});

export const ZMigrationPreview = z.object({
  id: z.string(),
  version: z.number().int(),
  direction: ZMigrationDirection,
  durationMs: z.number().int(),
  touches: z.array(
    z.object({
      container: z.string(),
      creates: z.number().int(),
      updates: z.number().int(),
      deletes: z.number().int(),
      sampleIds: z.array(z.string()),
    }),
  ),
  error: z.string().nullable(),
});
export type TMigrationPreview = z.infer<typeof ZMigrationPreview>;
