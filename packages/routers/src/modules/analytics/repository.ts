import type { BatchOperation, DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { ANALYTICS_CONTAINERS } from './containers';
import type { TActivitySetting, TFeature, TFunnel, TRecompute } from './schema';

/** Every rollup document: its partition (`productId:metric:period`), a sortable `key` and when it was rolled up. */
export type RollupDoc<T extends object = Record<string, unknown>> = {
  id: string;
  productId: string;
  metric: string;
  period: string;
  key: string;
  rolledUpAt: string;
} & T;

export type DefinitionsDoc = {
  id: 'definitions';
  kind: 'definitions';
  productId: string;
  activity: TActivitySetting;
  features: TFeature[];
  funnels: TFunnel[];
  updatedAt: string | null;
  updatedBy: string | null;
};

export type RecomputeDoc = TRecompute & { kind: 'recompute'; runId: string | null };

export const DEFINITIONS_ID = 'definitions';
export const RECOMPUTE_ID = 'recompute';
const BATCH = 100;

export const partitionOf = (productId: string, metric: string, period: string) =>
  `${productId}:${metric}:${period}`;

export const createAnalyticsRepository = (store: DocumentStore) => {
  const rollups = () => store.container<RollupDoc>(ANALYTICS_CONTAINERS.rollups.name);
  const definitions = () => store.container<DefinitionsDoc>(ANALYTICS_CONTAINERS.config.name);
  const recomputes = () => store.container<RecomputeDoc>(ANALYTICS_CONTAINERS.config.name);

  return {
    rollups: {
      /** Upserts, one transactional batch per partition and 100 documents; rollups never expire. */
      async write(docs: readonly RollupDoc[]): Promise<void> {
        const byPartition = new Map<string, RollupDoc[]>();
        for (const doc of docs) {
          const pk = partitionOf(doc.productId, doc.metric, doc.period);
          const list = byPartition.get(pk);
          if (list) list.push(doc);
          else byPartition.set(pk, [doc]);
        }
        for (const [pk, list] of byPartition) {
          for (let i = 0; i < list.length; i += BATCH) {
            const ops: BatchOperation<RollupDoc>[] = list
              .slice(i, i + BATCH)
              .map((doc) => ({ op: 'upsert', doc, ttl: -1 }));
            await rollups().batch(pk, ops);
          }
        }
      },
      read: <T extends object>(productId: string, metric: string, period: string, id: string) =>
        rollups().read(id, partitionOf(productId, metric, period)) as Promise<
          Stored<RollupDoc<T>> | undefined
        >,
      /** The partition's documents whose key is within [fromKey, toKey], in key order. */
      async range<T extends object>(
        productId: string,
        metric: string,
        period: string,
        fromKey: string,
        toKey: string,
      ): Promise<Stored<RollupDoc<T>>[]> {
        const out: Stored<RollupDoc<T>>[] = [];
        let continuation: string | null = null;
        do {
          const page = await rollups().query({
            partitionKey: partitionOf(productId, metric, period),
            where: { key: { gte: fromKey, lte: toKey } },
            orderBy: [{ field: 'key' }],
            limit: 1000,
            ...(continuation ? { continuation } : {}),
          });
          out.push(...(page.items as Stored<RollupDoc<T>>[]));
          continuation = page.continuation;
        } while (continuation);
        return out;
      },
      /** Operations on one partition, all or none (at most 100). */
      batch: (productId: string, metric: string, period: string, ops: readonly BatchOperation<RollupDoc>[]) =>
        rollups().batch(partitionOf(productId, metric, period), ops),
      async delete(productId: string, metric: string, period: string, ids: readonly string[]): Promise<void> {
        const pk = partitionOf(productId, metric, period);
        for (let i = 0; i < ids.length; i += BATCH) {
          const ops: BatchOperation<RollupDoc>[] = ids
            .slice(i, i + BATCH)
            .map((id) => ({ op: 'delete', id }));
          // A delete of a missing id fails the batch; these ids were just listed, but go one by one if so.
          await rollups()
            .batch(pk, ops)
            .catch(async () => {
              for (const id of ids.slice(i, i + BATCH)) await rollups().delete(id, pk);
            });
        }
      },
    },
    definitions: {
      get: (productId: string) => definitions().read(DEFINITIONS_ID, productId),
      create: (doc: DefinitionsDoc, outbox?: Outbox) => definitions().create(doc, { ttl: -1, outbox }),
      replace: (doc: DefinitionsDoc, ifMatch: string, outbox?: Outbox) =>
        definitions().replace(doc, { ttl: -1, ifMatch, outbox }),
    },
    recompute: {
      get: (productId: string) => recomputes().read(RECOMPUTE_ID, productId),
      create: (doc: RecomputeDoc, outbox?: Outbox) => recomputes().create(doc, { ttl: -1, outbox }),
      replace: (doc: RecomputeDoc, ifMatch: string, outbox?: Outbox) =>
        recomputes().replace(doc, { ttl: -1, ifMatch, outbox }),
      /** Queued and running recomputes of every product, oldest request first (the job serves all products). */
      async candidates(): Promise<Stored<RecomputeDoc>[]> {
        const out: Stored<RecomputeDoc>[] = [];
        for (const status of ['queued', 'running'] as const) {
          const page = await recomputes().query({
            where: { kind: { eq: 'recompute' }, status: { eq: status } },
            orderBy: [{ field: 'kind' }, { field: 'status' }],
            limit: 1000,
          });
          out.push(...page.items);
        }
        return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
      },
    },
  };
};

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>;
