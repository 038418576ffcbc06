import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { BlobService } from '../blob/service';
import type { TRole } from '../users/schema';
import { type BulkOperations, paramsOf } from './bulk';
import { DOWNLOAD_URL_SECONDS, EXPORT_BLOB_CONTAINER } from './config';
import type { ExportsEngine } from './engine';
import type { ExportsRepository, ItemDoc, JobDoc } from './repository';
import {
  FINAL_STATUSES,
  parseExportFilters,
  type TBulkCreateInput,
  type TBulkItem,
  type TExportCreateInput,
  type TExportJob,
  type TExportListInput,
  type TItemsInput,
} from './schema';
import { USER_DATA_TYPE } from './user-data';

/** Who asks, as the procedures know them. */
export type Requester = {
  userId: string;
  email: string;
  roles: readonly TRole[];
  tokenId: string | null;
  requestId: string;
  ip: string;
};

export const toJob = (doc: JobDoc): TExportJob => ({
  id: doc.id,
  kind: doc.kind,
  type: doc.type,
  format: doc.format,
  filters: doc.filters,
  status: doc.status,
  processed: doc.processed,
  estimatedTotal: doc.estimatedTotal,
  counts: doc.counts,
  file: doc.file && { fileName: doc.file.fileName, contentType: doc.file.contentType, size: doc.file.size },
  fileExpiresAt: doc.fileExpiresAt,
  fileDeletedAt: doc.fileDeletedAt,
  attempt: doc.attempt,
  error: doc.error,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  startedAt: doc.startedAt,
  finishedAt: doc.finishedAt,
  updatedAt: doc.updatedAt,
});

const toItem = (doc: ItemDoc): TBulkItem => ({
  seq: doc.seq,
  targetId: doc.targetId,
  label: doc.label,
  state: doc.state,
  message: doc.message,
});

export type ExportsServiceDeps = {
  repo: ExportsRepository;
  clock: Clock;
  bus: EventBus;
  bulk: BulkOperations;
  blobs: Pick<BlobService, 'createDownloadUrl'>;
  engine: Pick<ExportsEngine, 'kick'>;
  /** Serialises a user's "download my data" requests across instances (check, then start). */
  leases: Pick<LeaseManager, 'acquire' | 'release'>;
};

/** Held while one user's data-export request checks for one in flight and starts its own. */
const USER_DATA_LEASE_MS = 30_000;

/**
 * Exports and bulk operations as admins ask for them. A request writes the job (pending) with
 * `export.requested` in one commit and returns at once; the worker (engine.ts) does the work.
 */
export const createExportsService = (deps: ExportsServiceDeps) => {
  const { repo, clock, bus } = deps;

  const load = async (productId: string, id: string): Promise<Stored<JobDoc>> => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Export '${id}' not found`, { reason: 'export_not_found' });
    return doc;
  };

  const start = async (
    productId: string,
    requester: Requester,
    job: Pick<JobDoc, 'kind' | 'type' | 'format' | 'filters' | 'phase'>,
  ): Promise<TExportJob> => {
    const now = isoNow(clock);
    const doc: JobDoc = {
      id: `exp_${randomId(12)}`,
      productId,
      ...job,
      status: 'pending',
      processed: 0,
      estimatedTotal: null,
      counts: job.kind === 'bulk' ? { done: 0, skipped: 0, failed: 0 } : null,
      file: null,
      fileExpiresAt: null,
      fileDeletedAt: null,
      attempt: 0,
      error: null,
      holder: null,
      leaseUntil: '',
      cursor: null,
      selected: 0,
      actorRoles: [...requester.roles],
      requestedBy: {
        email: requester.email,
        tokenId: requester.tokenId,
        requestId: requester.requestId,
        ip: requester.ip,
      },
      createdBy: requester.userId,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
    };
    const created = await repo.create(
      doc,
      bus.stage(
        'export.requested',
        { jobId: doc.id, kind: doc.kind, type: doc.type, format: doc.format },
        { productId, actorId: requester.userId },
      ),
    );
    deps.engine.kick();
    return toJob(created);
  };

  return {
    create: (productId: string, input: TExportCreateInput, requester: Requester) =>
      start(productId, requester, {
        kind: 'export',
        type: input.type,
        format: input.format,
        filters: parseExportFilters(input.type, input.filters),
        phase: null,
      }),

    /**
     * "Download my data": the requester's own archive (user-data.ts), one in flight per user (409
     * `export_in_progress`).
     */
    async requestUserData(productId: string, requester: Requester): Promise<TExportJob> {
      const inProgress = () =>
        new AppError('CONFLICT', 'An export of your data is already being prepared', {
          reason: 'export_in_progress',
        });
      // Two requests at once (two tabs, two instances) must not both see "none in flight" and both start.
      const lease = `exports:user-data:${productId}:${requester.userId}`;
      const holder = randomId(12);
      if (!(await deps.leases.acquire(lease, holder, USER_DATA_LEASE_MS))) throw inProgress();
      try {
        const inFlight = await repo.list(
          productId,
          {
            type: { eq: USER_DATA_TYPE },
            createdBy: { eq: requester.userId },
            status: { in: ['pending', 'processing'] },
          },
          1,
        );
        if (inFlight.items.length > 0) throw inProgress();
        return await start(productId, requester, {
          kind: 'export',
          type: USER_DATA_TYPE,
          format: null,
          filters: { userId: requester.userId },
          phase: null,
        });
      } finally {
        await deps.leases.release(lease, holder);
      }
    },

    createBulk: (productId: string, input: TBulkCreateInput, requester: Requester) =>
      start(productId, requester, {
        kind: 'bulk',
        type: input.operation,
        format: null,
        filters: paramsOf(input),
        phase: 'select',
      }),

    /** The dry run: how many items the operation would visit and how many of them are already there. */
    previewBulk: (productId: string, input: TBulkCreateInput) =>
      deps.bulk.preview(productId, paramsOf(input)),

    get: async (productId: string, id: string) => toJob(await load(productId, id)),

    async list(productId: string, input: TExportListInput) {
      const page = await repo.list(
        productId,
        {
          ...(input.kind ? { kind: { eq: input.kind } } : {}),
          ...(input.status ? { status: { eq: input.status } } : {}),
        },
        input.limit ?? 25,
        input.cursor,
      );
      return { items: page.items.map(toJob), nextCursor: page.continuation };
    },

    async listItems(productId: string, input: TItemsInput) {
      const job = await load(productId, input.id);
      if (job.kind !== 'bulk') {
        throw new AppError('BAD_REQUEST', 'Only bulk operations have items', {
          fields: [{ path: 'id', message: 'Not a bulk operation' }],
        });
      }
      const page = await repo.listItems(productId, job.id, input.state, input.limit ?? 50, input.cursor);
      return { items: page.items.map(toItem), nextCursor: page.continuation };
    },

    /** Stops a pending or running job; a running one stops at its next page. Work already done stays done. */
    async cancel(productId: string, id: string, actorId: string): Promise<TExportJob> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const doc = await load(productId, id);
        if (FINAL_STATUSES.includes(doc.status)) {
          throw new AppError(
            'CONFLICT',
            `The ${doc.kind === 'bulk' ? 'operation' : 'export'} is already ${doc.status}`,
            {
              reason: 'export_finished',
            },
          );
        }
        const now = isoNow(clock);
        const next: JobDoc = {
          ...withoutSystemFields(doc),
          status: 'cancelled',
          holder: doc.holder,
          finishedAt: now,
          updatedAt: now,
        };
        const saved = await repo.replace(
          next,
          doc._etag,
          bus.stage(
            'export.cancelled',
            { jobId: id, kind: doc.kind, type: doc.type, rows: doc.processed },
            { productId, actorId },
          ),
        );
        if (saved) return toJob(saved);
      }
      throw new AppError('CONFLICT', 'The export kept changing; try again');
    },

    /** A signed URL of the export's file (the blob store's own: fs route or Azure SAS), valid 15 minutes. */
    async getDownloadUrl(productId: string, id: string, requester: Pick<Requester, 'userId' | 'roles'>) {
      const doc = await load(productId, id);
      if (doc.kind !== 'export' || doc.status !== 'ready' || !doc.file) {
        throw new AppError('CONFLICT', `The export is ${doc.status}; only a ready export can be downloaded`, {
          reason: 'export_not_ready',
        });
      }
      if (doc.fileDeletedAt) {
        throw new AppError('NOT_FOUND', 'The export file was deleted after 7 days; start a new export', {
          reason: 'export_file_deleted',
        });
      }
      const signed = await deps.blobs.createDownloadUrl(
        productId,
        {
          container: EXPORT_BLOB_CONTAINER,
          key: doc.file.key,
          downloadName: doc.file.fileName,
          expiresInSeconds: DOWNLOAD_URL_SECONDS,
        },
        { userId: requester.userId, roles: requester.roles },
      );
      return { ...signed, fileName: doc.file.fileName };
    },
  };
};

export type ExportsService = ReturnType<typeof createExportsService>;
