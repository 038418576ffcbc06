import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { FullTextIndex } from '@bytelyst/db/full-text';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError, isAppError } from '../../app-error';
import { eventOf, type JobTrigger } from '../../lib/job-trigger';
import { isoNow, MINUTE_MS } from '../../lib/time';
import type { AnySearchEntity } from './entities/entity';
import type { Indexer } from './indexer';
import type { RebuildDoc, SearchRepository } from './repository';
import type { TRebuild, TSearchType } from './schema';

export const REBUILD_JOB = 'search-rebuild';
/** A running rebuild whose progress has not moved for this long is taken over (its process died). */
const STALLED_MS = 10 * MINUTE_MS;
/** Records read and indexed per write (one index transaction on sqlite, one progress write). */
const PAGE_SIZE = 500;

export const toRebuild = (doc: RebuildDoc): TRebuild => {
  const { productId: _p, runId: _r, seq: _s, ...rest } = withoutSystemFields(doc);
  return rest;
};

/**
 * Rebuilds a product's index from the sources, in the background: a request is stored (queued) with
 * `search.rebuild_requested`, the `search-rebuild` job is started through the job runner, and the job pages
 * through each type's records, writing them to the index and its progress to the rebuild. Entries written
 * before it started that no source gave back (records deleted while no event reached the index) are removed
 * at the end; what subscribers write meanwhile is newer, so it stays.
 */
export const createRebuilds = (deps: {
  repo: SearchRepository;
  index: () => FullTextIndex;
  entities: readonly AnySearchEntity[];
  indexer: Indexer;
  clock: Clock;
  bus: EventBus;
  jobs: JobTrigger;
}) => {
  const { repo, clock, bus } = deps;

  const run = async (claimed: Stored<RebuildDoc>, signal: AbortSignal) => {
    let doc: RebuildDoc = withoutSystemFields(claimed);
    let etag = claimed._etag;
    const started = clock();
    const save = async (next: RebuildDoc, outbox?: Parameters<SearchRepository['saveRebuild']>[2]) => {
      doc = next;
      etag = (await repo.saveRebuild(doc, etag, outbox))._etag;
    };
    const finish = (status: 'succeeded' | 'failed', error: string | null) =>
      save(
        { ...doc, status, error, finishedAt: isoNow(clock), progress: { ...doc.progress, type: null } },
        bus.stage(
          'search.rebuild_finished',
          {
            rebuildId: doc.id,
            status,
            indexed: doc.indexed,
            removed: doc.removed,
            error,
            durationMs: Math.max(0, clock() - started),
          },
          { productId: doc.productId, actorId: doc.requestedBy },
        ),
      );
    try {
      const entities = deps.entities.filter((e) => doc.types.includes(e.type));
      const current = await deps.index().count(doc.productId, doc.types);
      let total = 0;
      for (const entity of entities) {
        total += Math.max((await entity.count?.(doc.productId)) ?? 0, current[entity.type] ?? 0);
      }
      await save({ ...doc, progress: { type: null, done: 0, total } });
      let done = 0;
      const owners = new Map<string, boolean>();
      for (const entity of entities) {
        let cursor: string | undefined;
        let indexed = 0;
        do {
          if (signal.aborted) throw new Error('The rebuild was stopped');
          const page = await entity.page(doc.productId, cursor, PAGE_SIZE);
          const docs = await deps.indexer.docsOf(doc.productId, entity, page.items, owners);
          await deps.index().upsert(docs);
          indexed += docs.length;
          done += page.items.length;
          cursor = page.nextCursor ?? undefined;
          await save({
            ...doc,
            indexed: { ...doc.indexed, [entity.type]: indexed },
            progress: { type: entity.type, done, total: Math.max(total, done) },
          });
        } while (cursor);
      }
      const removed = await deps
        .index()
        .deleteWhere(doc.productId, { kinds: doc.types, indexedBefore: started });
      await save({ ...doc, removed, progress: { ...doc.progress, done, total: done } });
      await finish('succeeded', null);
    } catch (error) {
      await finish('failed', error instanceof Error ? error.message : String(error));
      if (signal.aborted) throw error;
    }
  };

  /** Takes a queued (or stalled) rebuild: the first writer to move it to running owns it. */
  const claim = async (doc: Stored<RebuildDoc>, runId: string) => {
    try {
      const next = {
        ...withoutSystemFields(doc),
        status: 'running' as const,
        startedAt: isoNow(clock),
        runId,
      };
      return await repo.saveRebuild(next, doc._etag);
    } catch (error) {
      if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'not_found')) return undefined;
      throw error;
    }
  };

  return {
    async request(
      productId: string,
      types: readonly TSearchType[],
      actor: { id: string; email: string },
    ): Promise<TRebuild> {
      const actorId = actor.id;
      const latest = await repo.latestRebuild(productId);
      if (latest && (latest.status === 'queued' || latest.status === 'running')) {
        throw new AppError(
          'CONFLICT',
          'A rebuild of this product’s search index is already queued or running',
          {
            reason: 'rebuild_in_progress',
          },
        );
      }
      // Numbered per product: two admins asking at once both try the next number, and one is refused.
      const seq = (latest?.seq ?? 0) + 1;
      const doc: RebuildDoc = {
        id: `srb_${String(seq).padStart(6, '0')}`,
        seq,
        productId,
        status: 'queued',
        types: [...types],
        progress: { type: null, done: 0, total: 0 },
        indexed: {},
        removed: 0,
        requestedAt: isoNow(clock),
        requestedBy: actorId,
        startedAt: null,
        finishedAt: null,
        error: null,
        runId: null,
      };
      const outbox = bus.stage(
        'search.rebuild_requested',
        { rebuildId: doc.id, types: doc.types },
        { productId, actorId },
      );
      try {
        await repo.createRebuild(doc, outbox);
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        throw new AppError(
          'CONFLICT',
          'Another rebuild of this product’s search index was requested meanwhile',
          {
            reason: 'rebuild_in_progress',
          },
        );
      }
      try {
        await deps.jobs.trigger(REBUILD_JOB, actor, eventOf(outbox));
      } catch (error) {
        // A run in progress (another product's rebuild) takes this one when it is done.
        if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
      }
      return toRebuild(doc);
    },

    async get(productId: string, id: string): Promise<TRebuild> {
      const doc = await repo.getRebuild(productId, id);
      if (!doc) {
        throw new AppError('NOT_FOUND', `Rebuild '${id}' not found`, {
          fields: [{ path: 'id', message: 'Not found' }],
        });
      }
      return toRebuild(doc);
    },

    latest: async (productId: string) => {
      const doc = await repo.latestRebuild(productId);
      return doc ? toRebuild(doc) : null;
    },

    /** The job's body: every queued (or stalled) rebuild of every product, oldest first. */
    async runQueued(signal: AbortSignal, runId: string): Promise<number> {
      let handled = 0;
      for (;;) {
        const now = clock();
        const next = (await repo.unfinished()).find(
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

export type Rebuilds = ReturnType<typeof createRebuilds>;
