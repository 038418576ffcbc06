import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type Outbox,
  type Stored,
} from '@bytelyst/db/document-store';
import { BACKUPS_PRODUCT_ID } from './config';
import { BACKUPS_CONTAINERS } from './containers';
import type { TBackupJobKind, TBackupStatus, TContainerProgress, TManifest, TVerification } from './schema';

export type RestoreResult = { written: number; removed: number; expired: number; kept: number };

export type BackupJobDoc = {
  id: string;
  productId: typeof BACKUPS_PRODUCT_ID;
  kind: TBackupJobKind;
  status: TBackupStatus;
  trigger: 'manual' | 'schedule';
  backupId: string;
  containers: TContainerProgress[];
  processed: number;
  estimatedTotal: number | null;
  size: number;
  manifest: TManifest | null;
  verification: TVerification | null;
  container: string | null;
  result: RestoreResult | null;
  prunedAt: string | null;
  error: string | null;
  /** 1 for the first run; each take-over after a lapsed lease adds one (a backup's files carry it). */
  attempt: number;
  /** The worker running it and until when; '' while pending, so a due job is `leaseUntil < now`. */
  holder: string | null;
  leaseUntil: string;
  /** The request that started it, for the audit entry a restore writes when it ends. */
  requestedBy: { email: string; tokenId: string | null; requestId: string; ip: string; productId: string };
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
};

const pk = BACKUPS_PRODUCT_ID;

export const createBackupsRepository = (store: DocumentStore) => {
  const jobs = () => store.container<BackupJobDoc>(BACKUPS_CONTAINERS.backupRuns.name);
  const after = (continuation: string | undefined | null) => (continuation ? { continuation } : {});

  return {
    create: (doc: BackupJobDoc, outbox: Outbox) => jobs().create(doc, { outbox }),
    get: (id: string) => jobs().read(id, pk),
    list: (where: Filter<BackupJobDoc>, limit: number, continuation?: string | null) =>
      jobs().query({
        partitionKey: pk,
        where,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...after(continuation),
      }),
    /** Jobs waiting for a worker: pending ones and those whose worker's lease lapsed. */
    due: (nowIso: string, limit: number) =>
      jobs().query({
        partitionKey: pk,
        where: { status: { in: ['pending', 'running'] }, leaseUntil: { lt: nowIso } },
        orderBy: [
          { field: 'status', direction: 'asc' },
          { field: 'leaseUntil', direction: 'asc' },
        ],
        limit,
      }),
    /** Any job not yet ended, of the given kinds. */
    unfinished: (kinds: readonly TBackupJobKind[]) =>
      jobs().query({
        partitionKey: pk,
        where: { status: { in: ['pending', 'running'] }, kind: { in: [...kinds] } },
        limit: 10,
      }),
    /** Writes `doc` over the stored job if it is still at `etag`; false when someone wrote it meanwhile. */
    async replace(doc: BackupJobDoc, etag: string, outbox?: Outbox): Promise<Stored<BackupJobDoc> | false> {
      try {
        return await jobs().replace(doc, { ifMatch: etag, ...(outbox ? { outbox } : {}) });
      } catch (error) {
        if (isStoreError(error, 'precondition_failed')) return false;
        throw error;
      }
    },
    mutate: (
      id: string,
      change: (current: Stored<BackupJobDoc>) => BackupJobDoc | null,
      outbox?: (next: BackupJobDoc) => Outbox | undefined,
    ) => jobs().mutate(id, pk, change, outbox ? { outbox } : {}),
  };
};

export type BackupsRepository = ReturnType<typeof createBackupsRepository>;
