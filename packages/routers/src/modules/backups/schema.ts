import { z } from 'zod';

export const BACKUP_JOB_KINDS = ['backup', 'verify', 'restore'] as const;
export const ZBackupJobKind = z.enum(BACKUP_JOB_KINDS);
export type TBackupJobKind = z.infer<typeof ZBackupJobKind>;

export const BACKUP_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export const ZBackupStatus = z.enum(BACKUP_STATUSES);
export type TBackupStatus = z.infer<typeof ZBackupStatus>;

export const VERIFICATION_STATES = ['unverified', 'verifying', 'verified', 'failed'] as const;
export const ZVerificationState = z.enum(VERIFICATION_STATES);
export type TVerificationState = z.infer<typeof ZVerificationState>;

/** One container's part of a job: its documents so far and, for a backup, its file's size. */
export const ZContainerProgress = z.object({
  name: z.string(),
  state: z.enum(['pending', 'running', 'done', 'skipped']),
  documents: z.number().int(),
  /** Documents the manifest says it holds (verify and restore); null for a backup still writing it. */
  expected: z.number().int().nullable(),
  bytes: z.number().int(),
});
export type TContainerProgress = z.infer<typeof ZContainerProgress>;

/** One file of a backup as its manifest records it. */
export const ZManifestFile = z.object({
  container: z.string(),
  partitionKey: z.array(z.string()),
  /** Relative to the backup's folder: `<container>.ndjson.gz`. */
  file: z.string(),
  documents: z.number().int(),
  /** Size of the gzipped file. */
  bytes: z.number().int(),
  /** SHA-256 of the gzipped file, hex. */
  sha256: z.string(),
});
export type TManifestFile = z.infer<typeof ZManifestFile>;

export const MANIFEST_FORMAT = 'bytelyst-backup/1';

/** `manifest.json` beside the files: what a backup holds and how to check it. */
export const ZManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  backupId: z.string(),
  /** The blob folder of the files and of this manifest. */
  folder: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  driver: z.enum(['sqlite', 'cosmos']),
  blobDriver: z.enum(['fs', 'azure']),
  /** The latest applied migration when the backup started (null before any). */
  schemaVersion: z.object({ version: z.number().int().nullable(), migrationId: z.string().nullable() }),
  containers: z.array(ZManifestFile),
});
export type TManifest = z.infer<typeof ZManifest>;

export const ZVerification = z.object({
  state: ZVerificationState,
  checkedAt: z.string().nullable(),
  /** What did not match: a checksum, a count, a missing or unreadable file. Empty when verified. */
  problems: z.array(z.string()),
});
export type TVerification = z.infer<typeof ZVerification>;

export const ZRestoreResult = z.object({
  written: z.number().int(),
  /** Documents that were in the restored containers before and went. */
  removed: z.number().int(),
  /** Documents that had expired between the backup and the restore, so were not written. */
  expired: z.number().int(),
  /** Documents a restore keeps as they are now (the maintenance switch that holds the platform). */
  kept: z.number().int(),
});

export const ZBackupJob = z.object({
  id: z.string(),
  kind: ZBackupJobKind,
  status: ZBackupStatus,
  trigger: z.enum(['manual', 'schedule']),
  /** The backup a verify or restore job works on; a backup's own id for a backup. */
  backupId: z.string(),
  containers: z.array(ZContainerProgress),
  /** Documents gone through so far, over every container. */
  processed: z.number().int(),
  /** Known at the start; documents may come or go while a backup runs. */
  estimatedTotal: z.number().int().nullable(),
  /** Total size of a backup's files. */
  size: z.number().int(),
  manifest: ZManifest.nullable(),
  verification: ZVerification.nullable(),
  /** A restore's container (null: every container of the backup). */
  container: z.string().nullable(),
  result: ZRestoreResult.nullable(),
  /** When a backup's files were deleted by the pruning policy. */
  prunedAt: z.string().nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TBackupJob = z.infer<typeof ZBackupJob>;

const ZId = z
  .string()
  .trim()
  .regex(/^bak_[A-Za-z0-9]{6,40}$/, 'A backup id: bak_ followed by letters and digits');
export const ZBackupIdInput = z.object({ id: ZId });

export const ZBackupListInput = z.object({
  kind: ZBackupJobKind.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TBackupListInput = z.infer<typeof ZBackupListInput>;
export const ZBackupListOutput = z.object({ items: z.array(ZBackupJob), nextCursor: z.string().nullable() });

export const ZRestoreInput = z.object({
  id: ZId,
  /** One container to restore; omitted: every container of the backup. */
  container: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'A container name')
    .optional(),
  /** True (the default): only say what a restore would do. */
  dryRun: z.boolean().default(true),
});
export type TRestoreInput = z.infer<typeof ZRestoreInput>;

export const ZRestorePlanEntry = z.object({
  container: z.string(),
  /** Documents the backup holds for it: what the restore writes. */
  backupDocuments: z.number().int(),
  /** Documents there now: what the restore removes first. */
  currentDocuments: z.number().int(),
  /** Documents the restore keeps as they are now. */
  kept: z.number().int(),
});

export const ZRestorePlan = z.object({
  backupId: z.string(),
  scope: z.enum(['all', 'container']),
  containers: z.array(ZRestorePlanEntry),
  totals: z.object({ write: z.number().int(), remove: z.number().int() }),
  /** Why a real restore would be refused now (not in maintenance, another job running, ...); null when it may run. */
  refusal: z.object({ reason: z.string(), message: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type TRestorePlan = z.infer<typeof ZRestorePlan>;

export const ZRestoreOutput = z.object({ plan: ZRestorePlan, job: ZBackupJob.nullable() });

export const ZBackupPolicy = z.object({
  schedule: z.string(),
  timezone: z.string(),
  keepCount: z.number().int(),
  keepDays: z.number().int(),
  /** An irreversible migration needs a verified backup at most this old. */
  migrationMaxAgeHours: z.number().int(),
  driver: z.enum(['sqlite', 'cosmos']),
  blobDriver: z.enum(['fs', 'azure']),
  /** Cosmos only: what its data plane tells about the account, and what only the Azure portal or ARM can. */
  cosmos: z
    .object({
      writableRegions: z.array(z.string()),
      readableRegions: z.array(z.string()),
      multipleWriteRegions: z.boolean(),
      consistency: z.string(),
      /** Continuous backup is an Azure Resource Manager setting the data plane does not show. */
      continuousBackup: z.null(),
      note: z.string(),
    })
    .nullable(),
  /** Whether this API's own maintenance gate lets a restore run now, and why not. */
  restoreAllowed: z.object({ ok: z.boolean(), message: z.string() }),
});
export type TBackupPolicy = z.infer<typeof ZBackupPolicy>;
