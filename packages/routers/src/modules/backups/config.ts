import { CONTAINERS } from '@bytelyst/db/containers';
import { SETTINGS_CONTAINERS } from '../settings/containers';

/**
 * Backups live in the blob module's `backups` container (admins only), under `platform/backups/<id>/a<attempt>/`:
 * a worker that lost its job to another can never write into the files of the attempt that took it over.
 */
export const BACKUP_BLOB_CONTAINER = 'backups';
export const backupFolder = (backupId: string, attempt?: number) =>
  attempt === undefined ? `platform/backups/${backupId}` : `platform/backups/${backupId}/a${attempt}`;
export const MANIFEST_FILE = 'manifest.json';

/** Every backup, verify and restore job belongs to the platform, not to a product. */
export const BACKUPS_PRODUCT_ID = 'platform';

/** The module's own container: a restore must never overwrite the record of the restore it runs. */
export const OWN_CONTAINER = 'backup_runs';

/**
 * Containers a backup leaves out: its own records, and coordination state that only means something to the
 * processes running now (leases, rate-limit windows).
 */
export const NOT_BACKED_UP: readonly string[] = [
  OWN_CONTAINER,
  CONTAINERS.leases.name,
  CONTAINERS.rateCounters.name,
];

/**
 * Containers a restore of everything leaves as they are (each can still be restored alone): the job runner's
 * definitions carry the holds the maintenance switch placed for this very restore, and the last slots run.
 */
export const SKIPPED_ON_FULL_RESTORE: readonly string[] = [CONTAINERS.jobDefinitions.name];

/**
 * Documents a restore keeps as they are now, wherever the backup says otherwise: each product's maintenance
 * config and switch, so that restoring a backup taken outside maintenance does not open the platform mid-restore.
 */
export const KEPT_ON_RESTORE: readonly { container: string; ids: readonly string[] }[] = [
  {
    container: SETTINGS_CONTAINERS.settings.name,
    ids: ['product:maintenance', 'product:maintenance-switch'],
  },
];

export type BackupsConfig = {
  /** Cron of the scheduled backup (BACKUP_SCHEDULE), read in `timezone`. */
  schedule?: string;
  timezone?: string;
  /** The newest this many completed backups are never pruned (BACKUP_KEEP_COUNT). */
  keepCount?: number;
  /** Beyond those, a backup older than this many days is pruned (BACKUP_KEEP_DAYS). */
  keepDays?: number;
  /** An irreversible migration needs a verified backup at most this old (BACKUP_MIGRATION_MAX_AGE_HOURS). */
  migrationMaxAgeHours?: number;
  /** The worker's tuning (tests and the bench). */
  engine?: Partial<typeof ENGINE_DEFAULTS>;
};

export const BACKUP_DEFAULTS = {
  schedule: '30 2 * * *',
  timezone: 'UTC',
  keepCount: 7,
  keepDays: 30,
  migrationMaxAgeHours: 24,
} as const satisfies Required<Omit<BackupsConfig, 'engine'>>;

export const ENGINE_DEFAULTS = {
  /** A claim lapses this long after the worker's last progress write; another worker then takes the job. */
  leaseMs: 120_000,
  pollIntervalMs: 2_000,
  /** Documents per scan page, and per bulk write of a restore. */
  pageSize: 1_000,
  /** A progress write after at least this many documents (and at each container's end). */
  progressEvery: 20_000,
};
