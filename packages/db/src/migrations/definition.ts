/**
 * What a migration is and what the runner records about it. A migration changes the shape of stored data once:
 * it is written to be idempotent (running it twice leaves the data as running it once), because a process that
 * dies mid-run leaves it to be run again. Versions order them; the runner applies them in that order.
 */
import type { Clock, DocumentStore } from '../document-store';

/** Every migration document lives in this partition of the `migrations` container. */
export const MIGRATIONS_PRODUCT_ID = 'platform';

export type MigrationDirection = 'up' | 'down';

/**
 * `running`: claimed by the runner (a crash leaves it so; the next start-up runs it again). `applied`: `up`
 * completed. `failed`: `up` or `down` threw; `error` says why. `rolled_back`: `down` completed.
 * `pending_approval`: an irreversible migration waiting for a super_admin.
 */
export const MIGRATION_STATUSES = [
  'running',
  'applied',
  'failed',
  'rolled_back',
  'pending_approval',
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

export type MigrationLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type MigrationContext = {
  /** In a dry run, a store that records writes instead of making them (reads are real). */
  store: DocumentStore;
  clock: Clock;
  dryRun: boolean;
  logger: MigrationLogger;
};

export type Migration = {
  /** Positive integer; unique; the order of application. */
  version: number;
  /** snake_case; with the version it forms the id (`001_users_email_verified`). */
  name: string;
  description: string;
  /**
   * False for a change that cannot be undone (data dropped, a partition key changed): the runner holds it in
   * `pending_approval` until a super_admin approves it after a backup. True requires `down`.
   */
  reversible: boolean;
  up(ctx: MigrationContext): Promise<void>;
  down?(ctx: MigrationContext): Promise<void>;
};

/** The record of one migration in the `migrations` container (roadmap §2.8), id = the migration's id. */
export type MigrationDoc = {
  id: string;
  productId: typeof MIGRATIONS_PRODUCT_ID;
  version: number;
  description: string;
  reversible: boolean;
  status: MigrationStatus;
  /** When `up` last completed; null until it has. */
  appliedAt: string | null;
  /** How long the last run (up or down) took; null while none has finished. */
  durationMs: number | null;
  error: string | null;
  /** Which direction the last run went. */
  direction: MigrationDirection | null;
  startedAt: string | null;
  /** Runs started, in either direction. */
  attempts: number;
  /** The process that ran it last. */
  instanceId: string | null;
  /** Names the run that claimed it, so that of two racing claimants only one goes on. */
  claim: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** What the backup check reported when it was approved. */
  backup: string | null;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  updatedAt: string;
};

const NAME = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

export const migrationId = (m: Pick<Migration, 'version' | 'name'>): string =>
  `${String(m.version).padStart(3, '0')}_${m.name}`;

/** The list sorted by version; throws on a malformed list, so a bad registry fails at start-up, not later. */
export const sortMigrations = (list: readonly Migration[]): Migration[] => {
  const seen = new Map<number, string>();
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version < 1) {
      throw new TypeError(`migration ${m.name}: version must be a positive integer`);
    }
    if (!NAME.test(m.name)) throw new TypeError(`migration ${m.version}: name must be snake_case`);
    if (!m.description.trim()) throw new TypeError(`migration ${migrationId(m)}: description is empty`);
    if (m.reversible && !m.down) {
      throw new TypeError(`migration ${migrationId(m)} is marked reversible but has no down`);
    }
    const other = seen.get(m.version);
    if (other) throw new TypeError(`migrations ${other} and ${m.name} share version ${m.version}`);
    seen.set(m.version, m.name);
  }
  return [...list].sort((a, b) => a.version - b.version);
};
