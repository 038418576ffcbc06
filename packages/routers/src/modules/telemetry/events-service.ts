import type { Clock, Filter, Query, Stored } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { type KeysetPage, type KeysetPosition, keysetPage } from '../../lib/keyset';
import type { ClustersService } from './clusters';
import { BATCH_SIZE, type TelemetryEventDoc, type TelemetryRepository } from './repository';
import type { TEraseOutput, TEventListInput } from './schema';

/** Deletes a page of documents in one store batch; if one vanished meanwhile, falls back to one by one. */
const deletePage = async (
  repo: TelemetryRepository,
  productId: string,
  docs: readonly Stored<TelemetryEventDoc>[],
): Promise<number> => {
  if (docs.length === 0) return 0;
  try {
    await repo.events.batch(
      productId,
      docs.map((doc) => ({ op: 'delete' as const, id: doc.id })),
    );
    return docs.length;
  } catch (error) {
    if (!isStoreError(error, 'not_found')) throw error;
    let deleted = 0;
    for (const doc of docs) if (await repo.events.delete(productId, doc.id)) deleted += 1;
    return deleted;
  }
};

export const createTelemetryEventsService = (deps: {
  repo: TelemetryRepository;
  clusters: ClustersService;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo } = deps;

  /** Deletes every event matching `where`, a page at a time, until none is left. */
  const deleteWhere = async (productId: string, where: Filter<TelemetryEventDoc>, signal?: AbortSignal) => {
    let scanned = 0;
    let deleted = 0;
    for (;;) {
      if (signal?.aborted) break;
      const page = await repo.events.query(productId, where, { field: 'receivedAt' }, BATCH_SIZE);
      scanned += page.items.length;
      deleted += await deletePage(repo, productId, page.items);
      if (page.items.length < BATCH_SIZE) break;
    }
    return { scanned, deleted };
  };

  return {
    async list(productId: string, input: TEventListInput) {
      const where: Filter<TelemetryEventDoc> = {};
      if (input.level) where.level = { eq: input.level };
      if (input.name) where.name = { eq: input.name };
      if (input.userId) where.userId = { eq: input.userId };
      if (input.fingerprint) where.fingerprint = { eq: input.fingerprint };
      if (input.platform) where.platform = { eq: input.platform };
      if (input.from || input.to) {
        where.at = {
          ...(input.from ? { gte: new Date(input.from).toISOString() } : {}),
          ...(input.to ? { lt: new Date(input.to).toISOString() } : {}),
        };
      }
      const page = await repo.events.query(
        productId,
        where,
        { field: 'at', direction: 'desc' },
        input.limit ?? 50,
        input.cursor,
      );
      return { items: page.items.map((doc) => withoutSystemFields(doc)), nextCursor: page.continuation };
    },
    async get(productId: string, id: string) {
      const doc = await repo.events.get(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', 'Telemetry event not found');
      return withoutSystemFields(doc);
    },
    /** GDPR erasure: the user's events go, then their traces in cluster samples and user counts. */
    async eraseUser(productId: string, userId: string, actorId: string | null): Promise<TEraseOutput> {
      const { deleted } = await deleteWhere(productId, { userId: { eq: userId } });
      const clustersScrubbed = await deps.clusters.scrubUser(productId, userId);
      // Reports the outcome of many batches across two containers, counted only once all are done; no one
      // write could carry it, so it follows the last.
      await deps.bus.emit(
        'telemetry.user_erased',
        { userId, eventsDeleted: deleted, clustersScrubbed },
        { productId, actorId },
      );
      return { eventsDeleted: deleted, clustersScrubbed };
    },
    /**
     * Every event of the named types with `from <= at < to` (ISO), a page at a time, oldest first: the
     * experiments' metric pipeline reads a product's events in one pass.
     */
    async scan(
      productId: string,
      range: { names: readonly string[]; from: string; to: string },
      visit: (events: readonly TelemetryEventDoc[]) => void,
      signal?: AbortSignal,
    ): Promise<number> {
      if (range.names.length === 0) return 0;
      const where: Filter<TelemetryEventDoc> = {
        name: { in: [...range.names] },
        at: { gte: range.from, lt: range.to },
      };
      let continuation: string | undefined;
      let scanned = 0;
      do {
        if (signal?.aborted) break;
        const page = await repo.events.query(productId, where, { field: 'at' }, 1000, continuation);
        visit(page.items);
        scanned += page.items.length;
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return scanned;
    },
    /**
     * Events received before `before` (ISO) in one product, for the retention sweep. Events of `keepUsers` (under
     * a legal hold) stay; the walk then goes by position, since they would otherwise fill every first page.
     */
    async deleteReceivedBefore(
      productId: string,
      before: string,
      signal?: AbortSignal,
      keepUsers: ReadonlySet<string> = new Set(),
    ) {
      if (keepUsers.size === 0) return deleteWhere(productId, { receivedAt: { lt: before } }, signal);
      const source = { query: (q: Query<TelemetryEventDoc>) => repo.events.find(productId, q) };
      let scanned = 0;
      let deleted = 0;
      let after: KeysetPosition | null = null;
      do {
        if (signal?.aborted) break;
        const page: KeysetPage<TelemetryEventDoc> = await keysetPage(source, {
          field: 'receivedAt',
          before,
          after,
          limit: BATCH_SIZE,
        });
        scanned += page.items.length;
        const doomed = page.items.filter((doc) => !doc.userId || !keepUsers.has(doc.userId));
        deleted += await deletePage(repo, productId, doomed);
        after = page.next;
      } while (after);
      return { scanned, deleted };
    },
  };
};

export type TelemetryEventsService = ReturnType<typeof createTelemetryEventsService>;
