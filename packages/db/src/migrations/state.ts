/**
 * How the registry and the records read together: the state of every migration as operators see it, and the
 * ordering rules the runner enforces (a migration waits for every earlier one; a rollback undoes the latest).
 */
import { type Migration, type MigrationDoc, type MigrationStatus, migrationId } from './definition';

/** Statuses after which later migrations may run: the migration is done, or an operator undid it. */
export const SETTLED: readonly MigrationStatus[] = ['applied', 'rolled_back'];
/** A later migration in one of these has changed data since: it must be rolled back first. */
const HAS_RUN: readonly MigrationStatus[] = ['applied', 'running', 'failed'];

export type MigrationState = Omit<MigrationDoc, 'productId' | 'claim' | 'status'> & {
  name: string;
  /** `pending`: no record yet (not run). */
  status: MigrationStatus | 'pending';
  /** False for a record whose migration this release does not list (a newer release's, or a removed one). */
  registered: boolean;
  /** For one not yet run: the earlier migration it waits for, or null when it is next. */
  waitingFor: string | null;
  /** Applied, reversible, and nothing applied after it. */
  canRollBack: boolean;
};

export type MigrationsOverview = {
  items: MigrationState[];
  /** The runner that holds the migrations lease now, if any. */
  lease: { holder: string; expiresAt: string } | null;
};

const nameOf = (id: string) => id.replace(/^\d+_/, '');

/** The first migration before `m` that is not settled, which `m` must wait for. */
export const earlierUnsettled = (
  migrations: readonly Migration[],
  docs: ReadonlyMap<string, MigrationDoc>,
  m: Migration,
): string | undefined =>
  migrations
    .filter((earlier) => earlier.version < m.version)
    .map(migrationId)
    .find((id) => {
      const status = docs.get(id)?.status;
      return status === undefined || !SETTLED.includes(status);
    });

/** The first migration after `m` that has run since, which must be rolled back before `m` can be. */
export const laterRun = (
  migrations: readonly Migration[],
  docs: ReadonlyMap<string, MigrationDoc>,
  m: Migration,
): string | undefined =>
  migrations
    .filter((later) => later.version > m.version)
    .map(migrationId)
    .find((id) => {
      const status = docs.get(id)?.status;
      return status !== undefined && HAS_RUN.includes(status);
    });

const blankFields = (m: Migration) => ({
  id: migrationId(m),
  version: m.version,
  description: m.description,
  reversible: m.reversible,
  appliedAt: null,
  durationMs: null,
  error: null,
  direction: null,
  startedAt: null,
  attempts: 0,
  instanceId: null,
  approvedBy: null,
  approvedAt: null,
  backup: null,
  rolledBackAt: null,
  rolledBackBy: null,
  updatedAt: '',
});

const fromDoc = (doc: MigrationDoc) => {
  const { productId: _p, claim: _c, status: _s, ...rest } = doc;
  return rest;
};

/** Every registered migration in order (records of unknown ones after), each with its state. */
export const describeMigrations = (
  migrations: readonly Migration[],
  docs: ReadonlyMap<string, MigrationDoc>,
): MigrationState[] => {
  let first: string | null = null;
  const items: MigrationState[] = migrations.map((m) => {
    const id = migrationId(m);
    const doc = docs.get(id);
    const status = doc?.status ?? 'pending';
    const waitingFor = status === 'pending' ? first : null;
    if (!first && !SETTLED.includes(status as MigrationStatus)) first = id;
    return {
      ...(doc ? fromDoc(doc) : blankFields(m)),
      // The registry's words win over a record written by an older release.
      description: m.description,
      reversible: m.reversible,
      name: m.name,
      status,
      registered: true,
      waitingFor,
      canRollBack: status === 'applied' && m.reversible && laterRun(migrations, docs, m) === undefined,
    };
  });
  const known = new Set(items.map((item) => item.id));
  for (const doc of docs.values()) {
    if (known.has(doc.id)) continue;
    items.push({
      ...fromDoc(doc),
      name: nameOf(doc.id),
      status: doc.status,
      registered: false,
      waitingFor: null,
      canRollBack: false,
    });
  }
  return items.sort((a, b) => a.version - b.version || a.id.localeCompare(b.id));
};
