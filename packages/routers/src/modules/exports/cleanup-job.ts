import type { BlobStore } from '@bytelyst/db/blob';
import { type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { LegalHolds } from '../../lib/legal-holds';
import { EXPORT_BLOB_CONTAINER } from './config';
import type { ExportsRepository, JobDoc } from './repository';

type FileDeps = { repo: ExportsRepository; blob: BlobStore; bus: EventBus };

/**
 * Deletes an export's file and records it on the job with `export.file_deleted`; false when the job changed
 * meanwhile (its next reader decides again). Also used by the retention cleanup, whose policy may be shorter.
 */
export const deleteExportFile = async (deps: FileDeps, job: Stored<JobDoc>, nowIso: string) => {
  const key = job.file?.key;
  if (key) await deps.blob.delete(EXPORT_BLOB_CONTAINER, `${job.productId}/${key}`);
  const saved = await deps.repo.replace(
    { ...withoutSystemFields(job), fileExpiresAt: null, fileDeletedAt: nowIso, updatedAt: nowIso },
    job._etag,
    deps.bus.stage(
      'export.file_deleted',
      { jobId: job.id, key: key ?? '' },
      { productId: job.productId, actorId: null },
    ),
  );
  return saved !== false;
};

/**
 * Daily at 04:15 UTC: deletes the files of exports written more than 7 days ago. The blob goes first, then the
 * job records it with `export.file_deleted` in one write; a run cut short in between finds the job again and
 * deleting an absent blob changes nothing, so reruns are harmless. A file requested by a user under a legal hold
 * stays until the hold is released.
 */
export const createExportFilesCleanupJob = (deps: FileDeps & { legalHolds: LegalHolds }): JobDefinition => ({
  name: 'export-files-cleanup',
  cron: '15 4 * * *',
  timezone: 'UTC',
  description: 'Delete export files 7 days after they were written',
  missedRunPolicy: 'once',
  timeoutMs: 30 * 60_000,
  async run(ctx) {
    const metrics = { scanned: 0, deleted: 0, held: 0, failed: 0 };
    const nowIso = new Date(ctx.now()).toISOString();
    const held = await deps.legalHolds.held();
    let continuation: string | null = null;
    do {
      if (ctx.signal.aborted) break;
      const page = await deps.repo.expiredFiles(nowIso, 100, continuation);
      for (const job of page.items) {
        metrics.scanned += 1;
        try {
          if (held.has(job.productId, job.createdBy)) {
            metrics.held += 1;
            continue;
          }
          if (await deleteExportFile(deps, job, nowIso)) metrics.deleted += 1;
        } catch (error) {
          metrics.failed += 1;
          ctx.log('warn', `Could not delete the file of export ${job.id}`, { error: String(error) });
        }
      }
      continuation = page.continuation;
    } while (continuation);
    return metrics;
  },
});
