import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError, isAppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { eventOf, type JobTrigger } from '../../lib/job-trigger';
import { isoNow, MINUTE_MS } from '../../lib/time';
import { dayNumber, dayNumberOf } from './days';
import type { DefinitionsService } from './definitions';
import { type AnalyticsRepository, RECOMPUTE_ID, type RecomputeDoc } from './repository';
import type { Rollups } from './rollups';
import type { TRecompute, TRecomputeInput } from './schema';

export const RECOMPUTE_JOB = 'analytics-recompute';
/** A running recompute whose progress has not moved for this long is taken over (its instance died). */
const STALLED_MS = 10 * MINUTE_MS;
/** Cohorts before the range whose day-N figures fall inside it. */
const COHORT_LEAD_DAYS = 30;

const toRecompute = (doc: RecomputeDoc): TRecompute => {
  const { kind: _kind, runId: _runId, ...rest } = withoutSystemFields(doc);
  return rest;
};

/**
 * Rebuilds the rollups of a range of days from the raw data, in the background: a request is stored as the
 * product's `recompute` document (queued), the `analytics-recompute` job is started through the job runner, and
 * the job works through queued requests, writing its progress (days scanned, then each derived rollup) to the
 * document as it goes. One recompute per product at a time; the job runner runs one job at a time.
 */
export const createRecompute = (deps: {
  repo: AnalyticsRepository;
  rollups: Rollups;
  definitions: DefinitionsService;
  clock: Clock;
  bus: EventBus;
  jobs: JobTrigger;
}) => {
  const { repo, rollups, clock, bus } = deps;

  const save = (doc: RecomputeDoc, etag: string) => repo.recompute.replace(doc, etag);

  /** Runs one claimed request to its end; the document records success or failure. */
  const run = async (claimed: Stored<RecomputeDoc>, signal: AbortSignal): Promise<void> => {
    let doc = withoutSystemFields(claimed);
    let etag = claimed._etag;
    const started = clock();
    const from = dayNumber(doc.from);
    const to = dayNumber(doc.to);
    const days = to - from + 1;
    const update = async (phase: string, done: number) => {
      if (signal.aborted) throw new Error('The recompute was stopped');
      doc = { ...doc, progress: { done, total: doc.progress.total, phase } };
      etag = (await save(doc, etag))._etag;
    };
    const finish = async (status: 'succeeded' | 'failed', error: string | null) => {
      doc = {
        ...doc,
        status,
        error,
        finishedAt: isoNow(clock),
        progress: { ...doc.progress, phase: status },
      };
      const outbox = bus.stage(
        'analytics.recompute_finished',
        {
          recomputeId: doc.id,
          from: doc.from,
          to: doc.to,
          status,
          error,
          durationMs: Math.max(0, clock() - started),
        },
        { productId: doc.productId, actorId: doc.requestedBy },
      );
      await repo.recompute.replace(doc, etag, outbox);
    };
    try {
      const defs = await deps.definitions.get(doc.productId);
      const run = await rollups.scan(doc.productId, defs, from, to, {
        digests: true,
        funnels: true,
        progress: (phase, done) => update(phase, done),
      });
      await update('active users', days);
      await rollups.active(doc.productId, defs, from, to, run);
      await update('retention', days + 1);
      await rollups.retention(doc.productId, defs, from - COHORT_LEAD_DAYS, to, run);
      await update('revenue', days + 2);
      await rollups.revenue(doc.productId, from, to, run);
      doc = { ...doc, progress: { ...doc.progress, done: doc.progress.total } };
      await finish('succeeded', null);
    } catch (error) {
      await finish('failed', error instanceof Error ? error.message : String(error));
      if (signal.aborted) throw error;
    }
  };

  /** Takes a queued (or stalled) request: the first writer to move it to running owns it. */
  const claim = async (
    doc: Stored<RecomputeDoc>,
    runId: string,
  ): Promise<Stored<RecomputeDoc> | undefined> => {
    try {
      const at = isoNow(clock);
      return await save({ ...withoutSystemFields(doc), status: 'running', startedAt: at, runId }, doc._etag);
    } catch (error) {
      if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found')) return undefined;
      throw error;
    }
  };

  return {
    async get(productId: string): Promise<TRecompute | null> {
      const doc = await repo.recompute.get(productId);
      return doc ? toRecompute(doc) : null;
    },

    async request(productId: string, input: TRecomputeInput, actor: { id: string; email: string }) {
      if (dayNumber(input.to) > dayNumberOf(clock())) {
        throw new AppError('VALIDATION', 'to is after today', {
          fields: [{ path: 'to', message: 'Cannot recompute days that have not started' }],
        });
      }
      const current = await repo.recompute.get(productId);
      if (current && (current.status === 'queued' || current.status === 'running')) {
        throw new AppError('CONFLICT', 'A recompute of this product is already queued or running');
      }
      const days = dayNumber(input.to) - dayNumber(input.from) + 1;
      const doc: RecomputeDoc = {
        id: RECOMPUTE_ID,
        kind: 'recompute',
        productId,
        from: input.from,
        to: input.to,
        status: 'queued',
        progress: { done: 0, total: days + 3, phase: 'queued' },
        requestedAt: isoNow(clock),
        requestedBy: actor.id,
        startedAt: null,
        finishedAt: null,
        error: null,
        runId: null,
      };
      const outbox = bus.stage(
        'analytics.recompute_requested',
        { recomputeId: `rcp_${randomId(6)}`, from: input.from, to: input.to },
        { productId, actorId: actor.id },
      );
      try {
        if (current) await repo.recompute.replace(doc, current._etag, outbox);
        else await repo.recompute.create(doc, outbox);
      } catch (error) {
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict')) {
          throw new AppError('CONFLICT', 'A recompute of this product was requested meanwhile');
        }
        throw error;
      }
      try {
        // The run answers the event staged with the request: the event's page shows it.
        await deps.jobs.trigger(RECOMPUTE_JOB, actor, eventOf(outbox));
      } catch (error) {
        // A run in progress (another product's recompute) takes this request when it is done.
        if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
      }
      return toRecompute(doc);
    },

    /** The job's body: every queued (or stalled) request of every product, oldest first. */
    async runQueued(signal: AbortSignal, runId: string): Promise<number> {
      let handled = 0;
      for (;;) {
        const now = clock();
        const next = (await repo.recompute.candidates()).find(
          (doc) => doc.status === 'queued' || now - doc._ts * 1000 > STALLED_MS,
        );
        if (!next || signal.aborted) return handled;
        const claimed = await claim(next, runId);
        if (claimed) {
          await run(claimed, signal);
          handled++;
        }
      }
    },
  };
};

export type RecomputeService = ReturnType<typeof createRecompute>;
