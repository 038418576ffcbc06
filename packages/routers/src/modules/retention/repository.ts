import { type DocumentStore, isStoreError, type Outbox, type Stored } from '@bytelyst/db/document-store';
import { RETENTION_CONTAINERS_DEF } from './containers';
import type { TRetentionContainer } from './schema';

/** Where the cleanup's runs are kept: platform-wide, like the job that runs it. */
export const RUNS_PARTITION = '*';
const RUN_TTL_SECONDS = 180 * 24 * 60 * 60;

/** A product's policy for one container; absent while the default applies. */
export type PolicyDoc = {
  id: string;
  kind: 'policy';
  productId: string;
  container: TRetentionContainer;
  days: number;
  updatedAt: string;
  updatedBy: string;
};

export type HoldDoc = {
  id: string;
  kind: 'hold';
  productId: string;
  userId: string;
  userEmail: string;
  reason: string;
  status: 'active' | 'released';
  createdBy: string;
  createdByEmail: string;
  createdAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
};

/** Counts by product, then by container. */
export type Tally = Record<string, Partial<Record<TRetentionContainer, number>>>;

export type RunDoc = {
  id: string;
  kind: 'run';
  productId: string;
  jobRunId: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** The last progress write: a run whose instance died stops moving it. */
  updatedAt: string;
  progress: { done: number; total: number; current: string | null };
  removed: Tally;
  exempt: Tally;
  error: string | null;
  resumedFrom: string | null;
};

type AnyDoc = PolicyDoc | HoldDoc | RunDoc;

export const policyId = (container: TRetentionContainer) => `policy:${container}`;

const after = (continuation: string | undefined) => (continuation ? { continuation } : {});

/** `false` for a write that lost a race (the document changed or appeared meanwhile). */
const unlessRaced = async <T>(write: () => Promise<T>): Promise<T | false> => {
  try {
    return await write();
  } catch (error) {
    if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict')) return false;
    throw error;
  }
};

export const createRetentionRepository = (store: DocumentStore) => {
  const docs = <T extends AnyDoc>() => store.container<T>(RETENTION_CONTAINERS_DEF.retentionPolicies.name);

  return {
    policies: {
      list: async (productId: string) =>
        (
          await docs<PolicyDoc>().query({
            partitionKey: productId,
            where: { kind: { eq: 'policy' } },
            limit: 100,
          })
        ).items,
      get: (productId: string, container: TRetentionContainer) =>
        docs<PolicyDoc>().read(policyId(container), productId),
      /** Creates the policy, or replaces it at `etag`. */
      save: (doc: PolicyDoc, etag: string | undefined, outbox: Outbox) =>
        unlessRaced(() =>
          etag
            ? docs<PolicyDoc>().replace(doc, { ifMatch: etag, outbox })
            : docs<PolicyDoc>().create(doc, { outbox }),
        ),
    },
    holds: {
      create: (doc: HoldDoc, outbox: Outbox) => docs<HoldDoc>().create(doc, { outbox }),
      async get(productId: string, id: string): Promise<Stored<HoldDoc> | undefined> {
        const doc = await docs<AnyDoc>().read(id, productId);
        return doc?.kind === 'hold' ? (doc as Stored<HoldDoc>) : undefined;
      },
      replace: (doc: HoldDoc, etag: string, outbox: Outbox) =>
        unlessRaced(() => docs<HoldDoc>().replace(doc, { ifMatch: etag, outbox })),
      list: (productId: string, status: HoldDoc['status'] | undefined, limit: number, cursor?: string) =>
        docs<HoldDoc>().query({
          partitionKey: productId,
          where: { kind: { eq: 'hold' }, ...(status ? { status: { eq: status } } : {}) },
          orderBy: [{ field: 'createdAt', direction: 'desc' }],
          limit,
          ...after(cursor),
        }),
      countActive: (productId: string, userId: string) =>
        docs<HoldDoc>().count({
          partitionKey: productId,
          where: { kind: { eq: 'hold' }, status: { eq: 'active' }, userId: { eq: userId } },
        }),
      /** Every active hold of every product (a few at most, so read whole). */
      async active(): Promise<Stored<HoldDoc>[]> {
        const out: Stored<HoldDoc>[] = [];
        let cursor: string | undefined;
        do {
          const page = await docs<HoldDoc>().query({
            where: { kind: { eq: 'hold' }, status: { eq: 'active' } },
            limit: 1000,
            ...after(cursor),
          });
          out.push(...page.items);
          cursor = page.continuation ?? undefined;
        } while (cursor);
        return out;
      },
    },
    runs: {
      create: (doc: RunDoc) => docs<RunDoc>().create(doc, { ttl: RUN_TTL_SECONDS }),
      replace: (doc: RunDoc, etag: string, outbox?: Outbox) =>
        unlessRaced(() =>
          docs<RunDoc>().replace(doc, { ifMatch: etag, ttl: RUN_TTL_SECONDS, ...(outbox ? { outbox } : {}) }),
        ),
      async get(id: string): Promise<Stored<RunDoc> | undefined> {
        const doc = await docs<AnyDoc>().read(id, RUNS_PARTITION);
        return doc?.kind === 'run' ? (doc as Stored<RunDoc>) : undefined;
      },
      list: (limit: number, cursor?: string) =>
        docs<RunDoc>().query({
          partitionKey: RUNS_PARTITION,
          where: { kind: { eq: 'run' } },
          orderBy: [{ field: 'startedAt', direction: 'desc' }],
          limit,
          ...after(cursor),
        }),
      byJobRun: async (jobRunId: string) =>
        (
          await docs<RunDoc>().query({
            partitionKey: RUNS_PARTITION,
            where: { kind: { eq: 'run' }, jobRunId: { eq: jobRunId } },
            limit: 1,
          })
        ).items[0],
      running: async () =>
        (
          await docs<RunDoc>().query({
            partitionKey: RUNS_PARTITION,
            where: { kind: { eq: 'run' }, status: { eq: 'running' } },
            limit: 100,
          })
        ).items,
    },
  };
};

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
