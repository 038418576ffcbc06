import type { BlobStore } from '@bytelyst/db/blob';
import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { type KeysetPage, type KeysetPosition, keysetPage } from '../../lib/keyset';
import { DAY_MS } from '../../lib/time';
import { deleteExportFile } from '../exports/cleanup-job';
import { FILE_DAYS } from '../exports/config';
import { EXPORTS_CONTAINERS } from '../exports/containers';
import { createExportsRepository, type JobDoc } from '../exports/repository';
import type { DocumentTarget, RetentionTarget } from './targets';

type Doc = Record<string, unknown> & { id: string };

/** The store's limit for one transactional batch. */
const BATCH = 100;

/** Where one product's documents of one target are, and which of them may go at all. */
export type Scope = { productId: string; nowIso: string };

/**
 * The cleanup's reads and deletions in the containers the policies govern. These belong to other modules; a
 * retention policy is the one rule that reaches across all of them, so it works on the store directly, with each
 * owner's settled states (targets.ts) and never on a document it has not read at its current etag.
 */
export const createSweeper = (deps: { store: DocumentStore; blob: BlobStore; bus: EventBus }) => {
  const { store } = deps;
  const exportsRepo = createExportsRepository(store);
  const containerOf = (target: DocumentTarget) => store.container<Doc>(target.def.name);
  const exportJobs = () => store.container<JobDoc>(EXPORTS_CONTAINERS.exportJobs.name);

  const scoped = (target: DocumentTarget, { productId }: Scope) =>
    target.byPartition ? { partitionKey: productId } : {};
  const settled = (target: DocumentTarget, scope: Scope): Filter<Doc> => ({
    ...(target.byPartition ? {} : { productId: { eq: scope.productId } }),
    ...target.settled,
  });
  const matching = (target: DocumentTarget, scope: Scope): Filter<Doc> => ({
    ...settled(target, scope),
    ...target.due?.(scope.nowIso),
  });
  /** An export's file is due `days` after it was written, i.e. `FILE_DAYS - days` before its own expiry. */
  const fileCutoff = (days: number, scope: Scope) =>
    new Date(Date.parse(scope.nowIso) + (FILE_DAYS - days) * DAY_MS).toISOString();

  /** Deletes documents at the etag they were read with, a batch per partition; returns how many went. */
  const removeDocs = async (target: DocumentTarget, docs: readonly Stored<Doc>[]): Promise<number> => {
    const container = containerOf(target);
    const byPartition = new Map<string, Stored<Doc>[]>();
    for (const doc of docs) {
      const pk = container.partitionKeyOf(doc);
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), doc]);
    }
    let removed = 0;
    for (const [pk, group] of byPartition) {
      for (let i = 0; i < group.length; i += BATCH) {
        const chunk = group.slice(i, i + BATCH);
        try {
          await container.batch(
            pk,
            chunk.map((doc) => ({ op: 'delete' as const, id: doc.id, ifMatch: doc._etag })),
          );
          removed += chunk.length;
        } catch (error) {
          if (!isStoreError(error, 'precondition_failed') && !isStoreError(error, 'not_found')) throw error;
          // One of them changed or went meanwhile: the others go one by one; a changed one is judged next run.
          for (const doc of chunk) {
            try {
              if (await container.delete(doc.id, pk, { ifMatch: doc._etag })) removed += 1;
            } catch (single) {
              if (!isStoreError(single, 'precondition_failed')) throw single;
            }
          }
        }
      }
    }
    return removed;
  };

  /** Distinct documents that match `where` and any of the users' filters. */
  const countUsers = async (
    target: DocumentTarget,
    scope: Scope,
    where: Filter<Doc>,
    userIds: ReadonlySet<string>,
  ): Promise<number> => {
    const ids = new Set<string>();
    for (const userId of userIds) {
      for (const filter of target.userFilters(userId)) {
        let continuation: string | undefined;
        do {
          const page = await containerOf(target).query({
            ...scoped(target, scope),
            where: { ...where, ...filter },
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          });
          for (const doc of page.items) ids.add(doc.id);
          continuation = page.continuation ?? undefined;
        } while (continuation);
      }
    }
    return ids.size;
  };

  return {
    /** One page of the documents that are older than `cutoff` and settled, after `after`. */
    page(
      target: RetentionTarget,
      scope: Scope,
      days: number,
      after: KeysetPosition | null,
      limit: number,
    ): Promise<KeysetPage<Doc>> {
      if (target.kind === 'files') {
        return keysetPage(exportJobs(), {
          field: 'fileExpiresAt',
          before: fileCutoff(days, scope),
          where: { kind: { eq: 'export' } },
          partitionKey: scope.productId,
          after,
          limit,
        }) as Promise<KeysetPage<Doc>>;
      }
      return keysetPage(containerOf(target), {
        field: target.timeField,
        before: new Date(Date.parse(scope.nowIso) - days * DAY_MS).toISOString(),
        where: matching(target, scope),
        ...scoped(target, scope),
        after,
        limit,
      });
    },

    /** Removes what `page` handed out (and the caller did not keep); returns how many went. */
    async remove(target: RetentionTarget, docs: readonly Stored<Doc>[], scope: Scope): Promise<number> {
      if (target.kind === 'documents') return removeDocs(target, docs);
      let removed = 0;
      for (const job of docs as unknown as Stored<JobDoc>[]) {
        if (
          await deleteExportFile({ repo: exportsRepo, blob: deps.blob, bus: deps.bus }, job, scope.nowIso)
        ) {
          removed += 1;
        }
      }
      return removed;
    },

    /** How many documents are due now, and how many of those belong to the held users. */
    async count(
      target: RetentionTarget,
      scope: Scope,
      days: number,
      held: ReadonlySet<string>,
    ): Promise<{ due: number; exempt: number }> {
      if (target.kind === 'files') {
        const where = { kind: { eq: 'export' }, fileExpiresAt: { lt: fileCutoff(days, scope) } };
        const due = await exportJobs().count({ partitionKey: scope.productId, where });
        let exempt = 0;
        for (const userId of held) {
          exempt += await exportJobs().count({
            partitionKey: scope.productId,
            where: { ...where, createdBy: { eq: userId } },
          });
        }
        return { due, exempt };
      }
      const cutoff = new Date(Date.parse(scope.nowIso) - days * DAY_MS).toISOString();
      const where = { ...matching(target, scope), [target.timeField]: { lt: cutoff } };
      const due = await containerOf(target).count({ ...scoped(target, scope), where });
      const exempt = held.size > 0 ? await countUsers(target, scope, where, held) : 0;
      return { due, exempt };
    },

    /**
     * Makes a held user's documents never expire (`ttl: -1`), so the store's TTL cannot take what a hold keeps.
     * Only documents still under a TTL are read (pinned ones leave the query), and only settled ones are written,
     * so no module loses a write it is making; a document written since it was read is pinned on the next pass.
     */
    async pin(target: DocumentTarget, scope: Scope, userId: string): Promise<number> {
      const container = containerOf(target);
      let pinned = 0;
      for (const filter of target.userFilters(userId)) {
        for (const ttl of [{ exists: false }, { gt: 0 }]) {
          for (;;) {
            const page = await container.query({
              ...scoped(target, scope),
              where: { ...settled(target, scope), ...filter, ttl },
              limit: BATCH,
            });
            let written = 0;
            for (const doc of page.items) {
              try {
                await container.replace(withoutSystemFields(doc), { ifMatch: doc._etag, ttl: -1 });
                written += 1;
              } catch (error) {
                if (!isStoreError(error, 'precondition_failed') && !isStoreError(error, 'not_found'))
                  throw error;
              }
            }
            pinned += written;
            if (page.items.length < BATCH || written === 0) break;
          }
        }
      }
      return pinned;
    },
  };
};

export type Sweeper = ReturnType<typeof createSweeper>;
