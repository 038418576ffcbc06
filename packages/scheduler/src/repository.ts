import { CONTAINERS } from '@bytelyst/db/containers';
import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { TJobLastRun, TJobRun } from './schema';

/** A job's persisted state, one per registered job in its product's partition. */
export type JobDefinitionDoc = {
  /** The job name. */
  id: string;
  productId: string;
  name: string;
  enabled: boolean;
  /**
   * The products whose maintenance holds the job (see hold.ts); absent or empty: not held. Unlike a pause, a
   * hold leaves `lastSlotAt` where it was, so the slots it covered count as missed when it is lifted.
   */
  holds?: string[];
  /** Every slot up to this instant has been evaluated (run, skipped or passed while paused). */
  lastSlotAt: string;
  nextRunAt: string | null;
  lastRun: TJobLastRun | null;
  updatedAt: string;
};

/** Whether some product's maintenance holds the job (see hold.ts). */
export const isHeld = (doc: Pick<JobDefinitionDoc, 'holds'> | undefined): boolean =>
  (doc?.holds?.length ?? 0) > 0;

/** Optimistic writes that lose a race this many times in a row give up (someone is hammering the doc). */
const MAX_WRITE_RACES = 8;
/** The store's limit for one transactional batch. */
const BATCH = 100;

const lostRace = (error: unknown) =>
  isStoreError(error, 'precondition_failed') ||
  isStoreError(error, 'conflict') ||
  isStoreError(error, 'not_found');

export const runPartition = (productId: string, jobName: string): string => `${productId}:${jobName}`;

export const createJobsRepository = (store: DocumentStore) => {
  const defs = () => store.container<JobDefinitionDoc>(CONTAINERS.jobDefinitions.name);
  const runs = () => store.container<TJobRun>(CONTAINERS.jobRuns.name);

  return {
    getDefinition: (productId: string, name: string) => defs().read(name, productId),

    /** Every definition of the given products (all products when omitted), keyed by job name. */
    async listDefinitions(productIds?: readonly string[]): Promise<Map<string, JobDefinitionDoc>> {
      const out = new Map<string, JobDefinitionDoc>();
      let continuation: string | undefined;
      do {
        const page = await defs().query({
          ...(productIds ? { where: { productId: { in: productIds } } } : {}),
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        for (const doc of page.items) out.set(doc.name, withoutSystemFields(doc));
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return out;
    },

    /**
     * Read-modify-write of one definition, retried when another process wrote it in between. `change` gets the
     * current document (undefined when absent) and returns the next one, or null to leave it as it is.
     */
    async updateDefinition(
      productId: string,
      name: string,
      change: (current: JobDefinitionDoc | undefined) => JobDefinitionDoc | null,
    ): Promise<JobDefinitionDoc | undefined> {
      for (let race = 0; ; race += 1) {
        const current = await defs().read(name, productId);
        const next = change(current ? withoutSystemFields(current) : undefined);
        if (!next) return current ? withoutSystemFields(current) : undefined;
        try {
          const written = current
            ? await defs().replace(next, { ifMatch: current._etag })
            : await defs().create(next);
          return withoutSystemFields(written);
        } catch (error) {
          if (!lostRace(error) || race >= MAX_WRITE_RACES) throw error;
        }
      }
    },

    /**
     * Creates first-seen definitions in batches of one partition; returns the names a batch could not create
     * (another instance created one of them first), for the caller to handle one by one.
     */
    async createDefinitions(docs: readonly JobDefinitionDoc[]): Promise<string[]> {
      const failed: string[] = [];
      const byProduct = new Map<string, JobDefinitionDoc[]>();
      for (const doc of docs) byProduct.set(doc.productId, [...(byProduct.get(doc.productId) ?? []), doc]);
      for (const [productId, group] of byProduct) {
        for (let i = 0; i < group.length; i += BATCH) {
          const chunk = group.slice(i, i + BATCH);
          try {
            await defs().batch(
              productId,
              chunk.map((doc) => ({ op: 'create' as const, doc })),
            );
          } catch (error) {
            if (!isStoreError(error, 'conflict')) throw error;
            failed.push(...chunk.map((doc) => doc.name));
          }
        }
      }
      return failed;
    },

    /** The slot claim: false when the run document exists already (another process claimed the slot). */
    async claimRun(doc: TJobRun): Promise<boolean> {
      try {
        await runs().create(doc);
        return true;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    /** Takes over a run document read at `ifMatch` (a skipped slot run again); false when someone else did. */
    async reclaimRun(doc: TJobRun, ifMatch: string): Promise<boolean> {
      try {
        await runs().replace(doc, { ifMatch });
        return true;
      } catch (error) {
        if (lostRace(error)) return false;
        throw error;
      }
    },
    /** The runs one bus event started (at most a few), across jobs, on the eventId index. */
    async runsOfEvent(eventId: string): Promise<TJobRun[]> {
      const page = await runs().query({ where: { eventId: { eq: eventId } }, limit: 100 });
      return page.items.map((doc) => withoutSystemFields(doc));
    },
    replaceRun: (doc: TJobRun, outbox?: Outbox) => runs().replace(doc, outbox ? { outbox } : {}),
    getRun: (productId: string, jobName: string, id: string): Promise<Stored<TJobRun> | undefined> =>
      runs().read(id, runPartition(productId, jobName)),
    /** Newest first; within one job's partition when `partition` is given, else across all jobs. */
    listRuns: (q: { partition?: string; where: Filter<TJobRun>; limit: number; continuation?: string }) =>
      runs().query({
        ...(q.partition ? { partitionKey: q.partition } : {}),
        where: q.where,
        orderBy: [{ field: 'startedAt', direction: 'desc' }],
        limit: q.limit,
        ...(q.continuation ? { continuation: q.continuation } : {}),
      }),
  };
};

export type JobsRepository = ReturnType<typeof createJobsRepository>;
