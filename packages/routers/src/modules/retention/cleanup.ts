import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { randomId } from '../../lib/crypto';
import type { KeysetPosition } from '../../lib/keyset';
import type { HeldUsers } from '../../lib/legal-holds';
import { isoNow } from '../../lib/time';
import type { PolicyDays } from './policies';
import { type RetentionRepository, RUNS_PARTITION, type RunDoc, type Tally } from './repository';
import type { TRetentionContainer } from './schema';
import type { Sweeper } from './sweeper';
import { TARGETS } from './targets';

export const CLEANUP_JOB = 'retention-cleanup';

/** Thrown when the run must stop: aborted (timeout, shutdown), or taken over by a newer run. */
class Stopped extends Error {
  constructor(readonly why: 'aborted' | 'lost') {
    super(why === 'aborted' ? 'The run was stopped' : 'A newer run took over');
  }
}

export type CleanupContext = {
  jobRunId: string;
  trigger: string;
  signal: AbortSignal;
  log(level: 'info' | 'warn', message: string, fields?: Record<string, unknown>): void;
};

const add = (tally: Tally, productId: string, key: TRetentionContainer, n: number) => {
  if (n === 0) return;
  const row = tally[productId] ?? {};
  row[key] = (row[key] ?? 0) + n;
  tally[productId] = row;
};

/** Per container across every product. */
export const totals = (tally: Tally): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const row of Object.values(tally)) {
    for (const [key, n] of Object.entries(row)) out[key] = (out[key] ?? 0) + (n ?? 0);
  }
  return out;
};

/**
 * The daily cleanup: every product's policies (and the defaults for the platform's own documents), container by
 * container, a page at a time. Each page is judged against the holds as they are then, its documents removed at
 * the etag they were read with, and the run's counts written before the next page. Removal is by age alone, so a
 * run that stops half-way (crash, timeout, shutdown) has removed only what was due, and the next run, which
 * marks the old one interrupted and names it in `resumedFrom`, finds exactly what is left. A retry of the same
 * job run carries on in the same record.
 */
export const createCleanup = (deps: {
  repo: RetentionRepository;
  sweeper: Sweeper;
  clock: Clock;
  bus: EventBus;
  products: () => Promise<string[]>;
  days: (productId: string) => Promise<PolicyDays>;
  heldUsers: () => Promise<HeldUsers>;
  pageSize?: number;
}) => {
  const { repo, clock, bus } = deps;
  const pageSize = deps.pageSize ?? 100;

  /** The record of this job run: its own from an earlier attempt, or a new one taking over from a dead run. */
  const open = async (ctx: CleanupContext): Promise<Stored<RunDoc>> => {
    const now = isoNow(clock);
    const mine = await repo.runs.byJobRun(ctx.jobRunId);
    if (mine) {
      const saved = await repo.runs.replace(
        { ...withoutSystemFields(mine), status: 'running', finishedAt: null, error: null, updatedAt: now },
        mine._etag,
      );
      if (saved) return saved;
    }
    // The job runner runs one cleanup at a time, so any other run still `running` lost its instance.
    let resumedFrom: string | null = null;
    for (const stale of await repo.runs.running()) {
      await repo.runs.replace(
        { ...withoutSystemFields(stale), status: 'interrupted', finishedAt: stale.updatedAt },
        stale._etag,
      );
      resumedFrom = stale.id;
    }
    if (!resumedFrom) {
      const [last] = (await repo.runs.list(1)).items;
      if (last && last.status !== 'succeeded') resumedFrom = last.id;
    }
    return repo.runs.create({
      id: `rrun_${randomId(9)}`,
      kind: 'run',
      productId: RUNS_PARTITION,
      jobRunId: ctx.jobRunId,
      trigger: ctx.trigger,
      status: 'running',
      startedAt: now,
      finishedAt: null,
      durationMs: null,
      updatedAt: now,
      progress: { done: 0, total: 0, current: null },
      removed: {},
      exempt: {},
      error: null,
      resumedFrom,
    });
  };

  return {
    async run(ctx: CleanupContext): Promise<{ removed: number; exempt: number; products: number }> {
      let doc = await open(ctx);
      const started = clock();
      const save = async (patch: Partial<RunDoc>, outbox?: ReturnType<EventBus['stage']>) => {
        const next = { ...withoutSystemFields(doc), ...patch, updatedAt: isoNow(clock) };
        const saved = await repo.runs.replace(next, doc._etag, outbox);
        if (!saved) throw new Stopped('lost');
        doc = saved;
      };
      const finish = (status: 'succeeded' | 'failed' | 'interrupted', error: string | null) => {
        const durationMs = Math.max(0, clock() - started);
        return save(
          {
            status,
            error,
            finishedAt: isoNow(clock),
            durationMs,
            progress: { ...doc.progress, current: null },
          },
          bus.stage(
            'retention.run_finished',
            {
              runId: doc.id,
              status,
              removed: totals(doc.removed),
              exempt: totals(doc.exempt),
              durationMs,
            },
            { productId: PLATFORM_PRODUCT_ID, actorId: null },
          ),
        );
      };

      try {
        const products = [...(await deps.products()), PLATFORM_PRODUCT_ID];
        const nowIso = isoNow(clock);
        await save({ progress: { done: 0, total: products.length * TARGETS.length, current: null } });
        let done = 0;
        for (const productId of products) {
          const days = await deps.days(productId);
          for (const target of TARGETS) {
            const scope = { productId, nowIso };
            let after: KeysetPosition | null = null;
            const current = `${productId} · ${target.key}`;
            await save({ progress: { ...doc.progress, done, current } });
            do {
              if (ctx.signal.aborted) throw new Stopped('aborted');
              const page = await deps.sweeper.page(target, scope, days[target.key], after, pageSize);
              // Holds are read per page, so one placed during a run protects from the next page on.
              const held = (await deps.heldUsers()).of(productId);
              const doomed =
                target.kind === 'files'
                  ? page.items.filter((d) => !held.has(d.createdBy as string))
                  : page.items.filter((d) => !target.heldBy(d, held));
              const removed = doomed.length > 0 ? await deps.sweeper.remove(target, doomed, scope) : 0;
              const removedTally = structuredClone(doc.removed);
              const exemptTally = structuredClone(doc.exempt);
              add(removedTally, productId, target.key, removed);
              add(exemptTally, productId, target.key, page.items.length - doomed.length);
              if (page.items.length > 0) await save({ removed: removedTally, exempt: exemptTally });
              after = page.next;
            } while (after);
            done += 1;
          }
        }
        await save({ progress: { ...doc.progress, done, current: null } });
        await finish('succeeded', null);
        ctx.log('info', 'Retention cleanup finished', { removed: totals(doc.removed) });
      } catch (error) {
        // A run that lost its record to a newer one leaves it alone; otherwise the record says how it ended.
        if (!(error instanceof Stopped && error.why === 'lost')) {
          const message = error instanceof Error ? error.message : String(error);
          await finish(error instanceof Stopped ? 'interrupted' : 'failed', message).catch(() => undefined);
        }
        throw error;
      }
      const all = (tally: Tally) => Object.values(totals(tally)).reduce((sum, n) => sum + n, 0);
      return {
        removed: all(doc.removed),
        exempt: all(doc.exempt),
        products: Object.keys(doc.removed).length,
      };
    },
  };
};

export type Cleanup = ReturnType<typeof createCleanup>;
