import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { BlobStore } from '@bytelyst/db/blob';
import {
  type BaseDoc,
  type Clock,
  type ContainerDef,
  type DocumentStore,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { BACKUP_BLOB_CONTAINER, backupFolder, MANIFEST_FILE, NOT_BACKED_UP } from './config';
import type { Hold } from './hold';
import { type BackupLine, hashing } from './ndjson';
import { MANIFEST_FORMAT, type TContainerProgress, type TManifest, type TManifestFile } from './schema';

export type SchemaVersion = TManifest['schemaVersion'];

export type BackupRunDeps = {
  store: DocumentStore;
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  pageSize: number;
  progressEvery: number;
  schemaVersion: () => Promise<SchemaVersion>;
};

/**
 * The containers a backup holds: every declared one but those it leaves out (config.ts) and full-text indexes,
 * which hold derived data that their owner rebuilds from the records (`POST /v1/search/rebuild`).
 */
export const backedUpContainers = (store: DocumentStore): ContainerDef[] =>
  store.declared().filter((def) => !NOT_BACKED_UP.includes(def.name) && !def.fullText);

const fileOf = (container: string) => `${container}.ndjson.gz`;

/** Deletes the files under a backup's folder (or one attempt's); absent files change nothing. */
export const deleteBackupFiles = async (blob: BlobStore, folder: string): Promise<number> => {
  let deleted = 0;
  let continuation: string | null = null;
  do {
    const page = await blob.list(BACKUP_BLOB_CONTAINER, {
      prefix: `${folder}/`,
      ...(continuation ? { continuation } : {}),
    });
    for (const item of page.items) if (await blob.delete(BACKUP_BLOB_CONTAINER, item.key)) deleted += 1;
    continuation = page.continuation;
  } while (continuation);
  return deleted;
};

/**
 * One container into one gzipped NDJSON file: the scan hands over a page at a time, the gzip stream and the
 * blob store's streaming upload pull the next only when they have taken the last, so memory holds a page
 * whatever the container's size. The file is hashed and counted on its way to the blob store.
 */
const backUpContainer = async (
  h: Hold,
  deps: BackupRunDeps,
  def: ContainerDef,
  key: string,
  onProgress: (documents: number) => Promise<void>,
): Promise<{ documents: number; bytes: number; sha256: string }> => {
  let documents = 0;
  let reported = 0;
  const lines = async function* () {
    for await (const page of deps.store.container<BaseDoc>(def.name).scan({ pageSize: deps.pageSize })) {
      h.checkRunning();
      let text = '';
      for (const entry of page) {
        const line: BackupLine = {
          id: entry.doc.id,
          pk: entry.partitionKey,
          expiresAt: entry.expiresAt,
          body: withoutSystemFields(entry.doc) as unknown as Record<string, unknown>,
        };
        text += `${JSON.stringify(line)}\n`;
      }
      documents += page.length;
      yield Buffer.from(text, 'utf8');
      if (documents - reported >= deps.progressEvery) {
        reported = documents;
        await onProgress(documents);
      }
    }
  };
  const gzip = pipeline(Readable.from(lines()), createGzip(), () => {
    // A failed scan or progress write destroys the gzip stream, which fails the upload with that error.
  });
  const file = hashing();
  await deps.blob.putStream(BACKUP_BLOB_CONTAINER, key, Readable.from(file.pass(gzip)), {
    contentType: 'application/gzip',
  });
  return { documents, bytes: file.bytes, sha256: file.digest() };
};

/**
 * A logical backup of every container, one after the other, into `platform/backups/<id>/` with its manifest
 * written last: a backup without `manifest.json` never finished. Progress (documents per container) is written
 * as it goes; a run that fails deletes what it wrote.
 */
export const runBackup = async (h: Hold, deps: BackupRunDeps): Promise<void> => {
  const job = h.job;
  const startedAt = new Date(deps.clock()).toISOString();
  const defs = backedUpContainers(deps.store);
  const progress: TContainerProgress[] = defs.map((def) => ({
    name: def.name,
    state: 'pending',
    documents: 0,
    expected: null,
    bytes: 0,
  }));
  let estimatedTotal = 0;
  for (const def of defs) estimatedTotal += await deps.store.container(def.name).count();
  const schemaVersion = await deps.schemaVersion();
  await h.update({ containers: progress, processed: 0, estimatedTotal, size: 0 });

  const folder = backupFolder(job.id, job.attempt);
  const files: TManifestFile[] = [];
  let processed = 0;
  let size = 0;
  try {
    for (const [index, def] of defs.entries()) {
      const entry = progress[index] as TContainerProgress;
      entry.state = 'running';
      await h.update({ containers: progress, processed });
      const written = await backUpContainer(h, deps, def, `${folder}/${fileOf(def.name)}`, (n) => {
        entry.documents = n;
        return h.update({ containers: progress, processed: processed + n });
      });
      processed += written.documents;
      size += written.bytes;
      Object.assign(entry, { state: 'done', documents: written.documents, bytes: written.bytes });
      files.push({
        container: def.name,
        partitionKey: [...def.partitionKey],
        file: fileOf(def.name),
        documents: written.documents,
        bytes: written.bytes,
        sha256: written.sha256,
      });
      await h.update({ containers: progress, processed, size });
    }
    const finishedMs = deps.clock();
    const manifest: TManifest = {
      format: MANIFEST_FORMAT,
      backupId: job.id,
      folder,
      startedAt,
      finishedAt: new Date(finishedMs).toISOString(),
      driver: deps.store.driver,
      blobDriver: deps.blob.driver,
      schemaVersion,
      containers: files,
    };
    const manifestInfo = await deps.blob.put(
      BACKUP_BLOB_CONTAINER,
      `${folder}/${MANIFEST_FILE}`,
      JSON.stringify(manifest, null, 2),
      { contentType: 'application/json' },
    );
    const durationMs = finishedMs - Date.parse(job.startedAt ?? startedAt);
    await h.update(
      {
        status: 'completed',
        holder: null,
        manifest,
        size: size + manifestInfo.size,
        processed,
        verification: { state: 'unverified', checkedAt: null, problems: [] },
        finishedAt: manifest.finishedAt,
      },
      (next) =>
        deps.bus.stage(
          'backup.completed',
          {
            jobId: next.id,
            containers: files.length,
            documents: processed,
            bytes: next.size,
            durationMs: Math.max(0, durationMs),
          },
          { productId: next.productId, actorId: null },
        ),
    );
  } catch (error) {
    // This attempt's files only: a worker that took the job over writes its own folder.
    await deleteBackupFiles(deps.blob, folder);
    throw error;
  }
};
