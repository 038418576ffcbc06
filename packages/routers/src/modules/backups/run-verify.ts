import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { BACKUP_BLOB_CONTAINER } from './config';
import type { Hold } from './hold';
import { readManifest } from './manifest-file';
import { hashing, isBackupLine, readLines } from './ndjson';
import type { BackupsRepository } from './repository';
import type { TContainerProgress, TManifest, TManifestFile } from './schema';

export type VerifyRunDeps = {
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  repo: BackupsRepository;
  progressEvery: number;
};

/** Reads one file through: its checksum, its line count, and whether every line is a document. */
const checkFile = async (
  deps: VerifyRunDeps,
  h: Hold,
  manifest: TManifest,
  file: TManifestFile,
  onProgress: (documents: number) => Promise<void>,
): Promise<{ documents: number; problems: string[] }> => {
  const found = await deps.blob.getStream(BACKUP_BLOB_CONTAINER, `${manifest.folder}/${file.file}`);
  if (!found) return { documents: 0, problems: [`${file.container}: file ${file.file} is missing`] };
  const raw = hashing();
  const problems: string[] = [];
  let documents = 0;
  let malformed = 0;
  try {
    for await (const line of readLines(found.stream, raw)) {
      h.checkRunning();
      documents += 1;
      try {
        if (!isBackupLine(JSON.parse(line))) malformed += 1;
      } catch {
        malformed += 1;
      }
      if (documents % deps.progressEvery === 0) await onProgress(documents);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(`${file.container}: file is unreadable after ${documents} documents (${message})`);
  }
  if (raw.digest() !== file.sha256) problems.push(`${file.container}: checksum does not match the manifest`);
  if (raw.bytes !== file.bytes) {
    problems.push(`${file.container}: ${raw.bytes} bytes, the manifest says ${file.bytes}`);
  }
  if (documents !== file.documents) {
    problems.push(`${file.container}: ${documents} documents, the manifest says ${file.documents}`);
  }
  if (malformed > 0) problems.push(`${file.container}: ${malformed} lines are not documents`);
  return { documents, problems };
};

/**
 * Checks a backup without restoring it: the stored manifest against the backup's record, then every file's
 * SHA-256, size and document count against the manifest. The outcome is recorded on the backup (verified, or
 * failed with each problem) and on the verify job.
 */
export const runVerify = async (h: Hold, deps: VerifyRunDeps): Promise<void> => {
  const backup = await deps.repo.get(h.job.backupId);
  const recorded = backup?.manifest;
  if (!backup || !recorded) throw new Error(`Backup ${h.job.backupId} has no manifest to verify against`);
  const problems: string[] = [];
  const stored = await readManifest(deps.blob, recorded.folder);
  if (typeof stored === 'string') problems.push(stored);
  else if (JSON.stringify(stored.containers) !== JSON.stringify(recorded.containers)) {
    problems.push('manifest.json differs from the backup record');
  }
  const progress: TContainerProgress[] = recorded.containers.map((file) => ({
    name: file.container,
    state: 'pending',
    documents: 0,
    expected: file.documents,
    bytes: file.bytes,
  }));
  const estimatedTotal = recorded.containers.reduce((sum, file) => sum + file.documents, 0);
  await h.update({ containers: progress, estimatedTotal, processed: 0 });
  let processed = 0;
  for (const [index, file] of recorded.containers.entries()) {
    const entry = progress[index] as TContainerProgress;
    entry.state = 'running';
    await h.update({ containers: progress, processed });
    const checked = await checkFile(deps, h, recorded, file, (n) => {
      entry.documents = n;
      return h.update({ containers: progress, processed: processed + n });
    });
    problems.push(...checked.problems);
    processed += checked.documents;
    Object.assign(entry, { state: 'done', documents: checked.documents });
    await h.update({ containers: progress, processed });
  }
  const checkedAt = new Date(deps.clock()).toISOString();
  const verification = { state: problems.length === 0 ? 'verified' : 'failed', checkedAt, problems } as const;
  // The backup's own record first: its verification state is what a migration's backup check reads.
  await deps.repo.mutate(backup.id, (current) => ({
    ...current,
    verification: { ...verification, problems },
  }));
  await h.update(
    { status: 'completed', holder: null, verification: { ...verification, problems }, finishedAt: checkedAt },
    (next) =>
      deps.bus.stage(
        'backup.verified',
        { jobId: next.id, backupId: backup.id, ok: problems.length === 0, problems: problems.slice(0, 50) },
        { productId: next.productId, actorId: next.createdBy },
      ),
  );
};
