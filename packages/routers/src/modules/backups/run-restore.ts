import type { BlobStore } from '@bytelyst/db/blob';
import type {
  BaseDoc,
  BulkDoc,
  Clock,
  ContainerDef,
  DocumentStore,
  ScannedDoc,
} from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { BACKUP_BLOB_CONTAINER, KEPT_ON_RESTORE, SKIPPED_ON_FULL_RESTORE } from './config';
import type { Hold } from './hold';
import { readManifest } from './manifest-file';
import { hashing, isBackupLine, readLines } from './ndjson';
import type { BackupsRepository, RestoreResult } from './repository';
import type { TContainerProgress, TManifest, TManifestFile } from './schema';

export type RestoreRunDeps = {
  store: DocumentStore;
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  repo: BackupsRepository;
  pageSize: number;
  progressEvery: number;
};

/** The manifest's files a restore of `container` (or of everything, when null) writes. */
export const filesInScope = (manifest: TManifest, container: string | null): TManifestFile[] =>
  manifest.containers.filter((file) =>
    container === null ? !SKIPPED_ON_FULL_RESTORE.includes(file.container) : file.container === container,
  );

const keyOf = (pk: string, id: string) => `${pk}\u0000${id}`;

/** A document's time-to-live on restore: what was left of it, so that it expires when it would have. */
const ttlOf = (def: ContainerDef, expiresAt: number | null, now: number): number | undefined | 'expired' => {
  if (expiresAt === null) return def.defaultTtl ? -1 : undefined;
  if (expiresAt <= now) return 'expired';
  return Math.max(1, Math.ceil((expiresAt - now) / 1000));
};

/** The documents of `def` a restore keeps as they are now (config.ts), read before the container is emptied. */
const keptDocuments = async (store: DocumentStore, def: ContainerDef): Promise<ScannedDoc<BaseDoc>[]> => {
  const ids = KEPT_ON_RESTORE.find((entry) => entry.container === def.name)?.ids ?? [];
  if (ids.length === 0) return [];
  const kept: ScannedDoc<BaseDoc>[] = [];
  for await (const page of store.container<BaseDoc>(def.name).scan()) {
    kept.push(...page.filter((entry) => ids.includes(entry.doc.id)));
  }
  return kept;
};

const restoreContainer = async (
  h: Hold,
  deps: RestoreRunDeps,
  manifest: TManifest,
  file: TManifestFile,
  onProgress: (documents: number) => Promise<void>,
): Promise<RestoreResult> => {
  const def = deps.store.declared().find((candidate) => candidate.name === file.container);
  if (!def) throw new Error(`Container ${file.container} is not declared by this platform`);
  const container = deps.store.container<BaseDoc>(def.name);
  const kept = await keptDocuments(deps.store, def);
  const keptKeys = new Set(kept.map((entry) => keyOf(entry.partitionKey, entry.doc.id)));
  const found = await deps.blob.getStream(BACKUP_BLOB_CONTAINER, `${manifest.folder}/${file.file}`);
  if (!found) throw new Error(`${file.container}: file ${file.file} is missing`);

  const removed = await container.clear();
  const now = deps.clock();
  if (kept.length > 0) {
    await container.bulkWrite(
      kept.map((entry) => {
        const ttl = ttlOf(def, entry.expiresAt, now);
        return { doc: withoutSystemFields(entry.doc), ...(typeof ttl === 'number' ? { ttl } : {}) };
      }),
    );
  }
  const result: RestoreResult = { written: 0, removed, expired: 0, kept: 0 };
  const raw = hashing();
  let batch: BulkDoc<BaseDoc>[] = [];
  let seen = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    result.written += await container.bulkWrite(batch);
    batch = [];
  };
  for await (const text of readLines(found.stream, raw)) {
    h.checkRunning();
    const line: unknown = JSON.parse(text);
    if (!isBackupLine(line)) throw new Error(`${file.container}: line ${seen + 1} is not a document`);
    seen += 1;
    if (keptKeys.has(keyOf(line.pk, line.id))) {
      result.kept += 1;
    } else {
      const ttl = ttlOf(def, line.expiresAt, now);
      if (ttl === 'expired') result.expired += 1;
      else batch.push({ doc: line.body as unknown as BaseDoc, ...(ttl === undefined ? {} : { ttl }) });
    }
    if (batch.length >= deps.pageSize) await flush();
    if (seen % deps.progressEvery === 0) await onProgress(seen);
  }
  await flush();
  // Caught only after the writes: a restore of an unverified backup reports a damaged file it went through.
  if (raw.digest() !== file.sha256 || seen !== file.documents) {
    throw new Error(
      `${file.container}: the file does not match its manifest (${seen} of ${file.documents} documents); ` +
        'the container holds what was read of it',
    );
  }
  return result;
};

/**
 * Writes a backup back: each container in scope is emptied and refilled from its file, except the documents
 * a restore keeps (config.ts), with per-container progress. Documents that expired since the backup are left
 * out; the rest keep what was left of their time-to-live. Ends with one audit entry for the whole restore.
 */
export const runRestore = async (h: Hold, deps: RestoreRunDeps): Promise<void> => {
  const backup = await deps.repo.get(h.job.backupId);
  if (!backup?.manifest) throw new Error(`Backup ${h.job.backupId} has no manifest`);
  const manifest = await readManifest(deps.blob, backup.manifest.folder);
  if (typeof manifest === 'string') throw new Error(manifest);
  const files = filesInScope(manifest, h.job.container);
  const progress: TContainerProgress[] = files.map((file) => ({
    name: file.container,
    state: 'pending',
    documents: 0,
    expected: file.documents,
    bytes: file.bytes,
  }));
  const estimatedTotal = files.reduce((sum, file) => sum + file.documents, 0);
  await h.update({ containers: progress, estimatedTotal, processed: 0 });
  const total: RestoreResult = { written: 0, removed: 0, expired: 0, kept: 0 };
  let processed = 0;
  for (const [index, file] of files.entries()) {
    const entry = progress[index] as TContainerProgress;
    entry.state = 'running';
    await h.update({ containers: progress, processed });
    const done = await restoreContainer(h, deps, manifest, file, (n) => {
      entry.documents = n;
      return h.update({ containers: progress, processed: processed + n });
    });
    processed += file.documents;
    for (const key of Object.keys(total) as (keyof RestoreResult)[]) total[key] += done[key];
    Object.assign(entry, { state: 'done', documents: done.written });
    await h.update({ containers: progress, processed, result: { ...total } });
  }
  const finishedAt = new Date(deps.clock()).toISOString();
  const job = h.job;
  await h.update({ status: 'completed', holder: null, result: total, finishedAt }, (next) =>
    deps.bus
      .stage(
        'backup.restored',
        {
          jobId: next.id,
          backupId: next.backupId,
          container: next.container,
          written: total.written,
          removed: total.removed,
        },
        { productId: next.productId, actorId: next.createdBy },
      )
      // Written after the restore, so a restore of the audit log cannot take its own record away.
      .and(
        'admin.action',
        {
          actorId: job.createdBy,
          actorEmail: job.requestedBy.email,
          actorTokenId: job.requestedBy.tokenId,
          action: 'backups.restored',
          targetType: 'backup',
          targetId: job.backupId,
          requestId: job.requestedBy.requestId,
          ip: job.requestedBy.ip,
          impersonatedBy: null,
          details: { restoreJobId: job.id, container: job.container ?? 'all', ...total },
        },
        { productId: job.requestedBy.productId, actorId: job.createdBy },
      ),
  );
};
