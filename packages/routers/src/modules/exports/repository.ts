import {
  type BatchOperation,
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Stored,
} from '@bytelyst/db/document-store';
import type { TRole } from '../users/schema';
import { EXPORTS_CONTAINERS } from './containers';
import type { TExportFormat, TItemState, TJobStatus } from './schema';

export type JobFile = { key: string; fileName: string; contentType: string; size: number };
export type JobCounts = { done: number; skipped: number; failed: number };

export type JobDoc = {
  id: string;
  productId: string;
  kind: 'export' | 'bulk';
  type: string;
  format: TExportFormat | null;
  /** An export's filters; a bulk job's `{ selection, status }` or `{ selection, reason }`. */
  filters: Record<string, unknown>;
  status: TJobStatus;
  processed: number;
  estimatedTotal: number | null;
  counts: JobCounts | null;
  file: JobFile | null;
  fileExpiresAt: string | null;
  fileDeletedAt: string | null;
  /** 1 for the first run; each take-over after a lapsed lease adds one. */
  attempt: number;
  error: string | null;
  /** The worker running it and until when; '' while pending, so a due job is `leaseUntil < now`. */
  holder: string | null;
  leaseUntil: string;
  /** Bulk jobs: first the selection is written down as items, then each item is applied. */
  phase: 'select' | 'apply' | null;
  /** Bulk jobs: where the selection's walk stopped (a store continuation). */
  cursor: string | null;
  /** Bulk jobs: items written down by the selection so far. */
  selected: number;
  /** The roles the requesting admin had: a bulk job acts with them. */
  actorRoles: TRole[];
  /** The request that started it, for the audit entry a bulk job writes when it completes. */
  requestedBy: { email: string; tokenId: string | null; requestId: string; ip: string };
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
};

export type ItemDoc = {
  id: string;
  productId: string;
  kind: 'item';
  jobId: string;
  seq: number;
  targetId: string;
  label: string | null;
  state: TItemState;
  message: string | null;
  updatedAt: string;
};

type AnyDoc = JobDoc | ItemDoc;

export const itemId = (jobId: string, seq: number) => `${jobId}:${String(seq).padStart(7, '0')}`;

const isJob = (doc: Stored<AnyDoc> | undefined): doc is Stored<JobDoc> =>
  doc?.kind === 'export' || doc?.kind === 'bulk';

export const createExportsRepository = (store: DocumentStore) => {
  const docs = () => store.container<AnyDoc>(EXPORTS_CONTAINERS.exportJobs.name);
  const jobs = () => store.container<JobDoc>(EXPORTS_CONTAINERS.exportJobs.name);
  const items = () => store.container<ItemDoc>(EXPORTS_CONTAINERS.exportJobs.name);
  const after = (continuation: string | undefined | null) => (continuation ? { continuation } : {});

  return {
    create: (doc: JobDoc, outbox: Outbox) => jobs().create(doc, { outbox }),
    async get(productId: string, id: string): Promise<Stored<JobDoc> | undefined> {
      const doc = await docs().read(id, productId);
      return isJob(doc) ? doc : undefined;
    },
    list: (productId: string, where: Filter<JobDoc>, limit: number, continuation?: string) =>
      jobs().query({
        partitionKey: productId,
        where: { kind: { in: ['export', 'bulk'] }, ...where },
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...after(continuation),
      }),
    /** Jobs of every product waiting for a worker: pending ones and those whose worker's lease lapsed. */
    due: (nowIso: string, limit: number) =>
      jobs().query({
        where: { status: { in: ['pending', 'processing'] }, leaseUntil: { lt: nowIso } },
        orderBy: [
          { field: 'status', direction: 'asc' },
          { field: 'leaseUntil', direction: 'asc' },
        ],
        limit,
      }),
    /** Writes `doc` over the stored job if it is still at `etag`; false when someone wrote it meanwhile. */
    async replace(doc: JobDoc, etag: string, outbox?: Outbox): Promise<Stored<JobDoc> | false> {
      try {
        return await jobs().replace(doc, { ifMatch: etag, ...(outbox ? { outbox } : {}) });
      } catch (error) {
        if (isStoreError(error, 'precondition_failed')) return false;
        throw error;
      }
    },
    /**
     * Item documents and the job, in one batch of the product's partition: false (and nothing written) when
     * the job is no longer at `etag`.
     */
    async commitWithItems(
      job: JobDoc,
      etag: string,
      writes: readonly BatchOperation<ItemDoc>[],
      outbox?: Outbox,
    ): Promise<Stored<JobDoc> | false> {
      const ops: BatchOperation<AnyDoc>[] = [...writes, { op: 'replace', doc: job, ifMatch: etag }];
      try {
        const written = await docs().batch(job.productId, ops, outbox ? { outbox } : {});
        return written[written.length - 1] as Stored<JobDoc>;
      } catch (error) {
        if (isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    pendingItems: (productId: string, jobId: string, limit: number) =>
      items().query({
        partitionKey: productId,
        where: { kind: { eq: 'item' }, jobId: { eq: jobId }, state: { eq: 'pending' } },
        orderBy: [
          { field: 'jobId', direction: 'asc' },
          { field: 'seq', direction: 'asc' },
        ],
        limit,
      }),
    listItems: (
      productId: string,
      jobId: string,
      state: TItemState | undefined,
      limit: number,
      continuation?: string,
    ) =>
      items().query({
        partitionKey: productId,
        where: { kind: { eq: 'item' }, jobId: { eq: jobId }, ...(state ? { state: { eq: state } } : {}) },
        orderBy: [
          { field: 'jobId', direction: 'asc' },
          { field: 'seq', direction: 'asc' },
        ],
        limit,
        ...after(continuation),
      }),
    countItems: (productId: string, jobId: string, state?: TItemState) =>
      items().count({
        partitionKey: productId,
        where: { kind: { eq: 'item' }, jobId: { eq: jobId }, ...(state ? { state: { eq: state } } : {}) },
      }),
    /** Exports of every product whose file is past its 7 days and still in blob storage. */
    expiredFiles: (nowIso: string, limit: number, continuation?: string | null) =>
      jobs().query({
        where: { kind: { eq: 'export' }, fileExpiresAt: { gt: '', lt: nowIso } },
        limit,
        ...after(continuation),
      }),
  };
};

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
