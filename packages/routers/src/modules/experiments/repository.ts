import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type OutboxEntry,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { EXPERIMENT_CONTAINERS } from './containers';
import type { TMetricDefinition } from './metrics-schema';
import type { TExperiment } from './schema';

/** `revision` names this incarnation of the key in sticky documents, so a re-created key starts afresh. */
export type ExperimentDoc = TExperiment & { revision: string };
export type MetricDoc = TMetricDefinition;

/** GrowthBook's sticky-bucket document: one unit's variation per experiment (`key@revision`). */
export type StickyDoc = {
  id: string;
  productId: string;
  attributeName: string;
  attributeValue: string;
  assignments: Record<string, number>;
  /** For a deviceId document: the user it was last merged into on sign-in. */
  linkedUserId: string | null;
  updatedAt: string;
};

export type ExposureDoc = {
  id: string;
  productId: string;
  experimentId: string;
  hashAttribute: string;
  hashValue: string;
  variationIndex: number;
  /** The ids metrics are joined on: events by userId first, else by deviceId. */
  userId: string | null;
  deviceId: string | null;
  firstExposureAt: string;
  /** Set when this anonymous unit was merged into a user's unit of the same experiment (not counted twice). */
  mergedInto: string | null;
};

export type ResultsHistoryDoc = {
  id: string;
  productId: string;
  experimentId: string;
  computedAt: string;
  window: { from: string; to: string };
  units: number;
  primary: { lift: number; ci: [number, number]; chanceToWin: number } | null;
};

/** A unit's document id: `attribute:value`, the value encoded so any id is valid in every driver. */
export const unitId = (attribute: string, value: string): string =>
  `${attribute}:${encodeURIComponent(value)}`;

export const exposurePartition = (productId: string, experimentId: string) => `${productId}:${experimentId}`;

const STICKY_ATTEMPTS = 10;

export const createExperimentsRepository = (store: DocumentStore) => {
  const experiments = () => store.container<ExperimentDoc>(EXPERIMENT_CONTAINERS.experiments.name);
  const metrics = () => store.container<MetricDoc>(EXPERIMENT_CONTAINERS.experimentMetrics.name);
  const sticky = () => store.container<StickyDoc>(EXPERIMENT_CONTAINERS.experimentStickyAssignments.name);
  const exposures = () => store.container<ExposureDoc>(EXPERIMENT_CONTAINERS.experimentExposures.name);
  const history = () => store.container<ResultsHistoryDoc>(EXPERIMENT_CONTAINERS.experimentResults.name);

  /** Every page of a query, concatenated. */
  const all = async <T>(
    page: (continuation?: string) => Promise<{ items: T[]; continuation: string | null }>,
  ) => {
    const out: T[] = [];
    let continuation: string | undefined;
    do {
      const next = await page(continuation);
      out.push(...next.items);
      continuation = next.continuation ?? undefined;
    } while (continuation);
    return out;
  };
  const after = (continuation?: string) => (continuation ? { continuation } : {});

  return {
    experiments: {
      get: (productId: string, id: string) => experiments().read(id, productId),
      create: (doc: ExperimentDoc, outbox: Outbox) => experiments().create(doc, { outbox }),
      replace: (doc: ExperimentDoc, ifMatch: string, outbox: Outbox) =>
        experiments().replace(doc, { ifMatch, outbox }),
      delete: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
        experiments().delete(id, productId, { ifMatch, outbox }),
      mutate: (
        productId: string,
        id: string,
        change: (current: Stored<ExperimentDoc>) => ExperimentDoc | null,
        outbox?: (next: ExperimentDoc) => Outbox | undefined,
      ) => experiments().mutate(id, productId, change, outbox ? { outbox } : {}),
      list: (productId: string, where: Filter<ExperimentDoc>, limit: number, continuation?: string) =>
        experiments().query({
          partitionKey: productId,
          where,
          orderBy: [{ field: 'updatedAt', direction: 'desc' }],
          limit,
          ...after(continuation),
        }),
      count: (productId: string, where: Filter<ExperimentDoc> = {}) =>
        experiments().count({ partitionKey: productId, where }),
      /** Experiments of a product in the given states (bounded per product). */
      inStatus: (productId: string, statuses: readonly string[]) =>
        all((continuation) =>
          experiments().query({
            partitionKey: productId,
            where: { status: { in: [...statuses] } },
            limit: 1000,
            ...after(continuation),
          }),
        ),
      /** Running experiments of every product, for the results job. */
      runningEverywhere: () =>
        all((continuation) =>
          experiments().query({ where: { status: { eq: 'running' } }, limit: 1000, ...after(continuation) }),
        ),
    },
    metrics: {
      get: (productId: string, key: string) => metrics().read(key, productId),
      create: (doc: MetricDoc) => metrics().create(doc),
      replace: (doc: MetricDoc, ifMatch: string) => metrics().replace(doc, { ifMatch }),
      delete: (productId: string, key: string) => metrics().delete(key, productId),
      all: (productId: string) =>
        all((continuation) =>
          metrics().query({
            partitionKey: productId,
            orderBy: [{ field: 'id' }],
            limit: 1000,
            ...after(continuation),
          }),
        ),
    },
    sticky: {
      get: (productId: string, attribute: string, value: string) =>
        sticky().read(unitId(attribute, value), productId),
      /**
       * Adds assignments a unit does not hold yet (one it holds always wins: the first assignment is sticky) and
       * creates the exposures of the added ones in the same commit. Answers the stored document.
       */
      async add(
        productId: string,
        unit: { attribute: string; value: string },
        entries: Record<string, number>,
        exposuresOf: (added: readonly string[], assignments: Record<string, number>) => ExposureDoc[],
        now: string,
      ): Promise<Stored<StickyDoc>> {
        const id = unitId(unit.attribute, unit.value);
        for (let attempt = 0; attempt < STICKY_ATTEMPTS; attempt += 1) {
          const current = await sticky().read(id, productId);
          const held = current?.assignments ?? {};
          const added = Object.keys(entries).filter((key) => held[key] === undefined);
          if (current && added.length === 0) return current;
          const assignments = { ...entries, ...held };
          const outbox: Outbox = {
            entries: exposuresOf(added, assignments).map(
              (doc): OutboxEntry => ({ container: EXPERIMENT_CONTAINERS.experimentExposures.name, doc }),
            ),
          };
          const next: StickyDoc = {
            id,
            productId,
            attributeName: unit.attribute,
            attributeValue: unit.value,
            assignments,
            linkedUserId: current?.linkedUserId ?? null,
            updatedAt: now,
          };
          try {
            return current
              ? await sticky().replace(next, { ifMatch: current._etag, outbox })
              : await sticky().create(next, { outbox });
          } catch (error) {
            if (!isStoreError(error, 'precondition_failed') && !isStoreError(error, 'conflict')) throw error;
          }
        }
        throw new Error(`Sticky assignments of ${id} kept changing`);
      },
      link: (productId: string, attribute: string, value: string, userId: string) =>
        sticky().mutate(unitId(attribute, value), productId, (current) =>
          current.linkedUserId === userId ? null : { ...withoutSystemFields(current), linkedUserId: userId },
        ),
    },
    exposures: {
      get: (productId: string, experimentId: string, id: string) =>
        exposures().read(id, exposurePartition(productId, experimentId)),
      mutate: (
        productId: string,
        experimentId: string,
        id: string,
        change: (current: ExposureDoc) => ExposureDoc | null,
      ) =>
        exposures().mutate(id, exposurePartition(productId, experimentId), (c) =>
          change(withoutSystemFields(c)),
        ),
      /** Every exposure of an experiment, a page at a time. */
      async scan(productId: string, experimentId: string, visit: (docs: readonly ExposureDoc[]) => void) {
        let continuation: string | undefined;
        do {
          const page = await exposures().query({
            partitionKey: exposurePartition(productId, experimentId),
            limit: 1000,
            ...after(continuation),
          });
          visit(page.items);
          continuation = page.continuation ?? undefined;
        } while (continuation);
      },
      count: (productId: string, experimentId: string) =>
        exposures().count({ partitionKey: exposurePartition(productId, experimentId) }),
    },
    history: {
      create: (doc: ResultsHistoryDoc) => history().upsert(doc),
      latest: async (productId: string, experimentId: string, limit: number) =>
        (
          await history().query({
            partitionKey: exposurePartition(productId, experimentId),
            orderBy: [{ field: 'computedAt', direction: 'desc' }],
            limit,
          })
        ).items,
    },
    /** Removes an experiment's exposures and results history, a page at a time. */
    async purge(productId: string, experimentId: string): Promise<number> {
      const pk = exposurePartition(productId, experimentId);
      let removed = 0;
      for (const container of [exposures(), history()] as const) {
        for (;;) {
          const page = await container.query({ partitionKey: pk, limit: 100 });
          if (page.items.length === 0) break;
          await container.batch(
            pk,
            page.items.map((doc) => ({ op: 'delete' as const, id: doc.id })),
          );
          removed += page.items.length;
        }
      }
      return removed;
    },
  };
};

export type ExperimentsRepository = ReturnType<typeof createExperimentsRepository>;
