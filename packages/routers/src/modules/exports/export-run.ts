import { Readable } from 'node:stream';
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { DAY_MS } from '../../lib/time';
import { CONTENT_TYPES, formatter } from './format';
import type { Hold } from './hold';
import type { TExportFormat, TExportType } from './schema';
import type { ExportSources } from './sources';

export type ExportRunDeps = {
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  sources: ExportSources;
  pageSize: number;
  container: string;
  fileDays: number;
};

/** `users-2026-06-01.csv`: what the browser saves the download as. */
export const exportFileName = (type: string, format: TExportFormat, createdAt: string) =>
  `${type}-${createdAt.slice(0, 10)}.${format}`;

/**
 * Streams one export into blob storage: the source is read one store page at a time and each page is encoded
 * and handed to the blob store's streaming upload, which pulls the next page only when it has taken the last,
 * so memory holds a page whatever the size of the export. Progress is written after every page; when that write
 * finds the job cancelled or taken over the stream fails and the upload writes nothing.
 */
export const runExport = async (h: Hold, deps: ExportRunDeps): Promise<void> => {
  const job = h.job;
  const type = job.type as TExportType;
  const format = job.format ?? 'csv';
  // One call signature for the six sources: the filters were checked against the type's schema on request.
  const source = deps.sources[type] as ExportSources['users'];
  const filters = job.filters as Parameters<typeof source.page>[1];
  const encode = formatter(format, source.columns);
  const estimatedTotal = await source.estimate(job.productId, filters);
  await h.update({ estimatedTotal, processed: 0 });

  const fileName = exportFileName(type, format, job.createdAt);
  const key = `exports/${job.id}/${job.attempt}/${fileName}`;
  let processed = 0;
  const pages = async function* () {
    const header = Buffer.from(encode.header, 'utf8');
    if (header.length > 0) yield header;
    let continuation: string | null = null;
    do {
      h.checkRunning();
      const page = await source.page(job.productId, filters, continuation, deps.pageSize);
      const chunk = Buffer.from(encode.page(page.rows), 'utf8');
      processed += page.rows.length;
      continuation = page.continuation;
      await h.update({ processed });
      if (chunk.length > 0) yield chunk;
    } while (continuation);
  };
  await storeExportFile(h, deps, {
    key,
    fileName,
    contentType: CONTENT_TYPES[format],
    type,
    body: pages(),
    processed: () => processed,
  });
};

/**
 * The end of an export: the body streamed into the job's file, then the job marked ready with
 * `export.completed` in one commit. A job cancelled or taken over while the last bytes went up leaves no file.
 */
export const storeExportFile = async (
  h: Hold,
  deps: Pick<ExportRunDeps, 'blob' | 'bus' | 'clock' | 'container' | 'fileDays'>,
  file: {
    key: string;
    fileName: string;
    contentType: string;
    type: string;
    body: AsyncIterable<Buffer>;
    /** Rows written, read once the body has been consumed. */
    processed: () => number;
  },
): Promise<void> => {
  const { job } = h;
  const { key, fileName, contentType } = file;
  const physical = `${job.productId}/${key}`;
  const info = await deps.blob.putStream(deps.container, physical, Readable.from(file.body), {
    contentType,
    metadata: { export_job: job.id },
  });
  const now = deps.clock();
  const rows = file.processed();
  try {
    await h.update(
      {
        status: 'ready',
        processed: rows,
        holder: null,
        file: { key, fileName, contentType, size: info.size },
        fileExpiresAt: new Date(now + deps.fileDays * DAY_MS).toISOString(),
        finishedAt: new Date(now).toISOString(),
      },
      (next) =>
        deps.bus.stage(
          'export.completed',
          { jobId: next.id, kind: 'export', type: file.type, rows, bytes: info.size },
          { productId: next.productId, actorId: null },
        ),
    );
  } catch (error) {
    // Cancelled or taken over while the last bytes went up: the file belongs to no job.
    await deps.blob.delete(deps.container, physical);
    throw error;
  }
};
