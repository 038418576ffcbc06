/**
 * The migration runner (roadmap §2.8). At start-up every instance calls `runPending`: one takes the
 * `migrations:runner` lease and applies what is pending in version order while the others wait for the lease,
 * then find nothing left to do. The lease is what keeps two runners apart (renewed while migrations run; a
 * runner whose renewal fails starts no further migration). Each run is claimed on its record (status
 * `running` with a claim id, written under the etag) and only the claimant writes its outcome; a record still
 * `running` when the lease is next taken was left by a process that died, and its migration runs again, which
 * is why migrations are idempotent. A failure is recorded and logged as a warning and start-up goes on; later
 * migrations wait for the failed one. An irreversible migration is recorded as `pending_approval` and waits
 * for `approve`.
 */
import { randomUUID } from 'node:crypto';
import { systemClock } from '../document-store';
import {
  MIGRATIONS_PRODUCT_ID,
  type Migration,
  type MigrationDirection,
  type MigrationDoc,
  type MigrationLogger,
  migrationId,
  sortMigrations,
} from './definition';
import { createRecordingStore } from './dry-run-store';
import { createLeaseHolder, type LeaseSession } from './lease-session';
import { createMigrationRecords, type MigrationActor, type MigrationTrigger } from './records';
import {
  MigrationError,
  type MigrationRunnerOptions,
  type PreviewReport,
  type RunSpec,
  type StartupReport,
} from './runner-types';
import { describeMigrations, earlierUnsettled, laterRun, type MigrationsOverview, SETTLED } from './state';

const SILENT: MigrationLogger = { info: () => {}, warn: () => {}, error: () => {} };
const MAX_ERROR = 2000;

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR) || 'failed without a message';

export const createMigrationRunner = (opts: MigrationRunnerOptions) => {
  const migrations = sortMigrations(opts.migrations);
  const byId = new Map(migrations.map((m) => [migrationId(m), m]));
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? SILENT;
  const { store, instanceId } = opts;
  const records = createMigrationRecords(store, opts.outbox);
  const lease = createLeaseHolder({
    leases: opts.leases,
    instanceId,
    ttlMs: opts.leaseTtlMs ?? 30_000,
    logger,
    sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  });
  const iso = () => new Date(clock()).toISOString();
  const actorName = (actor: MigrationActor) => (actor ? actor.email || actor.id : null);

  const blank = (m: Migration): MigrationDoc => ({
    id: migrationId(m),
    productId: MIGRATIONS_PRODUCT_ID,
    version: m.version,
    description: m.description,
    reversible: m.reversible,
    status: 'pending_approval',
    appliedAt: null,
    durationMs: null,
    error: null,
    direction: null,
    startedAt: null,
    attempts: 0,
    instanceId: null,
    claim: null,
    approvedBy: null,
    approvedAt: null,
    backup: null,
    rolledBackAt: null,
    rolledBackBy: null,
    updatedAt: iso(),
  });

  /** Claims the record, runs one direction, records the outcome; undefined when another runner claimed it. */
  const runOne = async (spec: RunSpec): Promise<MigrationDoc | undefined> => {
    const { m, direction, trigger, actor } = spec;
    const id = migrationId(m);
    const claim = randomUUID();
    const claimed = await records.write(
      id,
      (current) => {
        if (!spec.from.includes(current?.status ?? 'absent')) return null;
        const base = current ?? blank(m);
        return {
          ...base,
          description: m.description,
          reversible: m.reversible,
          status: 'running',
          direction,
          startedAt: iso(),
          attempts: base.attempts + 1,
          instanceId,
          claim,
          error: null,
          updatedAt: iso(),
          ...(spec.approval
            ? { approvedBy: actorName(actor), approvedAt: iso(), backup: spec.approval.backup }
            : {}),
        };
      },
      () => (spec.approval ? { kind: 'approved', actor, trigger } : undefined),
    );
    if (!claimed) return undefined;

    const started = clock();
    let failure: { error: unknown } | undefined;
    try {
      const run = direction === 'up' ? m.up : m.down;
      if (!run) throw new Error(`${id} has no down`);
      await run.call(m, { store, clock, dryRun: false, logger });
    } catch (error) {
      failure = { error };
    }
    const durationMs = Math.max(0, clock() - started);
    const now = iso();
    const outcome = await records.write(
      id,
      (current) => {
        if (!current || current.claim !== claim || current.status !== 'running') return null;
        const done = { ...current, durationMs, claim: null, updatedAt: now };
        if (failure) {
          const prefix = direction === 'down' ? 'roll back failed: ' : '';
          return { ...done, status: 'failed', error: `${prefix}${messageOf(failure.error)}` };
        }
        return direction === 'up'
          ? { ...done, status: 'applied', appliedAt: now, error: null }
          : {
              ...done,
              status: 'rolled_back',
              rolledBackAt: now,
              rolledBackBy: actorName(actor),
              error: null,
            };
      },
      (next) => ({
        kind: next.status === 'failed' ? 'failed' : direction === 'up' ? 'applied' : 'rolled_back',
        actor,
        trigger,
      }),
    );
    if (failure) {
      logger.warn(
        { migration: id, direction, err: failure.error },
        `migration ${id} failed (${direction}); start-up goes on, later migrations wait for it`,
      );
    } else {
      logger.info(
        { migration: id, direction, durationMs },
        `migration ${id} ${direction === 'up' ? 'applied' : 'rolled back'}`,
      );
    }
    return outcome ?? (await records.get(id));
  };

  /** Applies, in order, everything not yet run, stopping at the first that fails or needs approval. */
  const applyInOrder = async (
    session: LeaseSession,
    trigger: MigrationTrigger,
    actor: MigrationActor,
  ): Promise<Omit<StartupReport, 'ran' | 'waitedMs'>> => {
    const report = { applied: [] as string[], failed: [] as string[], awaitingApproval: [] as string[] };
    const docs = await records.all();
    for (const m of migrations) {
      const id = migrationId(m);
      const doc = docs.get(id);
      if (doc && SETTLED.includes(doc.status)) continue;
      if (doc?.status === 'pending_approval') report.awaitingApproval.push(id);
      if (doc?.status === 'failed' || doc?.status === 'pending_approval' || session.lost) {
        return { ...report, blockedBy: session.lost ? null : id };
      }
      if (!m.reversible && !doc?.approvedAt) {
        await records.write(
          id,
          (current) => (current ? null : blank(m)),
          () => ({ kind: 'awaiting_approval', actor: null, trigger }),
        );
        logger.warn(
          { migration: id },
          `migration ${id} is irreversible and waits for a super_admin's approval`,
        );
        report.awaitingApproval.push(id);
        return { ...report, blockedBy: id };
      }
      const outcome = await runOne({ m, direction: 'up', trigger, actor, from: ['absent', 'running'] });
      if (outcome?.status !== 'applied') {
        if (outcome?.status === 'failed') report.failed.push(id);
        return { ...report, blockedBy: id };
      }
      report.applied.push(id);
    }
    return { ...report, blockedBy: null };
  };

  /** Runs `work` holding the lease, or refuses at once when another runner holds it. */
  const exclusive = async <R>(work: (session: LeaseSession) => Promise<R>): Promise<R> => {
    const held = await lease.hold(work, null);
    if (held) return held.result;
    const holder = await lease.holder();
    throw new MigrationError(
      'busy',
      `Migrations are being run${holder ? ` by ${holder.holder}` : ''}; try again once that run has finished`,
    );
  };

  const registered = (id: string): Migration => {
    const m = byId.get(id);
    if (!m) throw new MigrationError('not_found', `Migration '${id}' is not registered`);
    return m;
  };

  const assertNotWaiting = (m: Migration, docs: ReadonlyMap<string, MigrationDoc>) => {
    const earlier = earlierUnsettled(migrations, docs, m);
    if (earlier)
      throw new MigrationError(
        'conflict',
        `${migrationId(m)} waits for ${earlier}, which has not been applied`,
      );
  };

  /** Runs `m` up and, once applied, whatever was waiting behind it. */
  const applyAndContinue = async (
    session: LeaseSession,
    spec: RunSpec,
  ): Promise<MigrationDoc | undefined> => {
    const outcome = await runOne(spec);
    if (outcome?.status === 'applied') await applyInOrder(session, spec.trigger, spec.actor);
    return (await records.get(migrationId(spec.m))) ?? outcome;
  };

  return {
    instanceId,
    migrations: (): readonly Migration[] => migrations,

    /** Start-up: waits for the lease, then applies what is pending. Never throws for a migration's failure. */
    async runPending(): Promise<StartupReport> {
      const timeoutMs = opts.waitTimeoutMs ?? 10 * 60_000;
      const held = await lease.hold((session) => applyInOrder(session, 'startup', null), {
        pollMs: opts.waitPollMs ?? 500,
        timeoutMs,
      });
      if (!held) {
        logger.warn({ waitedMs: timeoutMs }, 'gave up waiting for the migrations lease; start-up goes on');
        return {
          ran: false,
          waitedMs: timeoutMs,
          applied: [],
          failed: [],
          awaitingApproval: [],
          blockedBy: null,
        };
      }
      return { ran: true, waitedMs: held.waitedMs, ...held.result };
    },

    async list(): Promise<MigrationsOverview> {
      const [docs, holder] = await Promise.all([records.all(), lease.holder()]);
      return {
        items: describeMigrations(migrations, docs),
        lease: holder ? { holder: holder.holder, expiresAt: new Date(holder.expiresAt).toISOString() } : null,
      };
    },

    /** Runs the migration against a store that records writes instead of making them. */
    async preview(id: string, direction: MigrationDirection): Promise<PreviewReport> {
      const m = registered(id);
      const run = direction === 'up' ? m.up : m.down;
      if (!run) throw new MigrationError('invalid', `${id} is irreversible: it has no down to preview`);
      const recording = createRecordingStore(store);
      const started = clock();
      let error: string | null = null;
      try {
        await run.call(m, { store: recording, clock, dryRun: true, logger });
      } catch (thrown) {
        error = messageOf(thrown);
      }
      return {
        id,
        version: m.version,
        direction,
        durationMs: Math.max(0, clock() - started),
        touches: recording.touches(),
        error,
      };
    },

    /** Approves an irreversible migration waiting in `pending_approval` and runs it now. */
    async approve(
      id: string,
      actor: NonNullable<MigrationActor>,
      backup: string,
    ): Promise<MigrationDoc | undefined> {
      const m = registered(id);
      if (m.reversible)
        throw new MigrationError('invalid', `${id} is reversible: it never waits for approval`);
      return exclusive(async (session) => {
        const docs = await records.all();
        const status = docs.get(id)?.status ?? 'pending';
        if (status !== 'pending_approval') {
          throw new MigrationError('conflict', `${id} is not awaiting approval (it is ${status})`);
        }
        assertNotWaiting(m, docs);
        const spec = {
          m,
          trigger: 'approval',
          actor,
          from: ['pending_approval'],
          approval: { backup },
        } as const;
        return applyAndContinue(session, { ...spec, direction: 'up' });
      });
    },

    /**
     * Runs a failed or rolled-back migration up again. An irreversible one needs `backup` (what the backup check
     * reported), as its approval did.
     */
    async retry(id: string, actor: NonNullable<MigrationActor>, opts: { backup?: string } = {}) {
      const m = registered(id);
      if (!m.reversible && opts.backup === undefined) {
        throw new MigrationError(
          'approval_required',
          `${id} is irreversible: running it again needs a super_admin and a backup`,
        );
      }
      return exclusive(async (session) => {
        const docs = await records.all();
        const status = docs.get(id)?.status ?? 'pending';
        if (status !== 'failed' && status !== 'rolled_back') {
          throw new MigrationError(
            'conflict',
            `Only a failed or rolled back migration is run again; ${id} is ${status}`,
          );
        }
        assertNotWaiting(m, docs);
        const approval = opts.backup === undefined ? {} : { approval: { backup: opts.backup } };
        return applyAndContinue(session, {
          m,
          direction: 'up',
          trigger: 'retry',
          actor,
          from: ['failed', 'rolled_back'],
          ...approval,
        });
      });
    },

    /** Rolls an applied reversible migration back with its `down`; only the latest applied one can be. */
    async rollback(id: string, actor: NonNullable<MigrationActor>): Promise<MigrationDoc | undefined> {
      const m = registered(id);
      if (!m.reversible)
        throw new MigrationError('invalid', `${id} is irreversible: it cannot be rolled back`);
      return exclusive(async () => {
        const docs = await records.all();
        const status = docs.get(id)?.status ?? 'pending';
        if (status !== 'applied')
          throw new MigrationError(
            'conflict',
            `Only an applied migration is rolled back; ${id} is ${status}`,
          );
        const later = laterRun(migrations, docs, m);
        if (later) throw new MigrationError('conflict', `Roll back ${later} first: it has run after ${id}`);
        const outcome = await runOne({ m, direction: 'down', trigger: 'rollback', actor, from: ['applied'] });
        return (await records.get(id)) ?? outcome;
      });
    },
  };
};

export type MigrationRunner = ReturnType<typeof createMigrationRunner>;
