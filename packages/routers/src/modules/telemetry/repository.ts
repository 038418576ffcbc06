import type {
  BatchOperation,
  DocumentStore,
  Filter,
  MutateOptions,
  OrderBy,
  Outbox,
  Query,
  Stored,
} from '@bytelyst/db/document-store';
import { TELEMETRY_CONTAINERS } from './containers';
import type { TCollectionPolicyFields, TErrorCluster, TTelemetryEvent } from './schema';

export type TelemetryEventDoc = TTelemetryEvent;

export type ClusterDoc = TErrorCluster & {
  /** Who the sample belongs to, so an erasure can scrub it. */
  sampleUserId: string | null;
  /** Affected-user sketch: the smallest hashes seen (see affected-users.ts). */
  userSketch: number[];
};

export type PolicyDoc = TCollectionPolicyFields & {
  id: 'policy';
  productId: string;
  updatedAt: string | null;
  updatedBy: string | null;
};

export const POLICY_ID = 'policy';
/** The store's batch limit: one transactional batch per 100 operations. */
export const BATCH_SIZE = 100;

export const createTelemetryRepository = (store: DocumentStore) => {
  const events = () => store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);
  const clusters = () => store.container<ClusterDoc>(TELEMETRY_CONTAINERS.telemetryErrorClusters.name);
  const policies = () => store.container<PolicyDoc>(TELEMETRY_CONTAINERS.telemetryCollectionPolicies.name);
  return {
    events: {
      get: (productId: string, id: string) => events().read(id, productId),
      batch: (productId: string, ops: readonly BatchOperation<TelemetryEventDoc>[]) =>
        events().batch(productId, ops),
      delete: (productId: string, id: string) => events().delete(id, productId),
      query: (
        productId: string,
        where: Filter<TelemetryEventDoc>,
        orderBy: OrderBy<TelemetryEventDoc>,
        limit: number,
        continuation?: string,
      ) =>
        events().query({
          partitionKey: productId,
          where,
          orderBy: [orderBy],
          limit,
          ...(continuation ? { continuation } : {}),
        }),
      count: (productId: string, where: Filter<TelemetryEventDoc> = {}) =>
        events().count({ partitionKey: productId, where }),
      /** Any query within the product's partition (a keyset walk builds its own). */
      find: (productId: string, query: Omit<Query<TelemetryEventDoc>, 'partitionKey'>) =>
        events().query({ ...query, partitionKey: productId }),
    },
    clusters: {
      get: (productId: string, id: string) => clusters().read(id, productId),
      create: (doc: ClusterDoc, outbox?: Outbox) => clusters().create(doc, { ttl: -1, outbox }),
      /** Read-apply-replace under the etag; undefined when the cluster does not exist. */
      mutate: (
        productId: string,
        id: string,
        change: (current: Stored<ClusterDoc>) => ClusterDoc | null,
        options?: Omit<MutateOptions<ClusterDoc>, 'ttl'>,
      ) => clusters().mutate(id, productId, change, { ...options, ttl: -1 }),
      query: (
        productId: string,
        where: Filter<ClusterDoc>,
        orderBy: OrderBy<ClusterDoc>,
        limit: number,
        continuation?: string,
      ) =>
        clusters().query({
          partitionKey: productId,
          where,
          orderBy: [orderBy],
          limit,
          ...(continuation ? { continuation } : {}),
        }),
    },
    policies: {
      get: (productId: string) => policies().read(POLICY_ID, productId),
      create: (doc: PolicyDoc) => policies().create(doc, { ttl: -1 }),
      upsert: (doc: PolicyDoc) => policies().upsert(doc, { ttl: -1 }),
      /** Cross-partition on purpose: the sweep visits every product that has telemetry. */
      all: async (): Promise<Stored<PolicyDoc>[]> => {
        const out: Stored<PolicyDoc>[] = [];
        let continuation: string | null = null;
        do {
          const page = await policies().query({ limit: 1000, ...(continuation ? { continuation } : {}) });
          out.push(...page.items);
          continuation = page.continuation;
        } while (continuation);
        return out;
      },
    },
  };
};

export type TelemetryRepository = ReturnType<typeof createTelemetryRepository>;
