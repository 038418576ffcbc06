import type { BlobStore } from '@bytelyst/db/blob';
import type { Stored } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { EXPORT_BLOB_CONTAINER } from './config';
import type { ExportsRepository, JobDoc } from './repository';
import { USER_DATA_TYPE } from './user-data';

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `Export '${id}' not found`, { reason: 'export_not_found' });

/**
 * A user's own data exports: only those they asked for are theirs to see (another user's id is a 404, never a
 * 403), and a ready one's file is handed out as the blob store's signed URL.
 */
export const createUserDataExports = (deps: { repo: ExportsRepository; blob: BlobStore }) => ({
  /** The export, whoever asked for it (the ready mail's subscriber); undefined for another type. */
  async find(productId: string, id: string): Promise<Stored<JobDoc> | undefined> {
    const doc = await deps.repo.get(productId, id);
    return doc?.type === USER_DATA_TYPE ? doc : undefined;
  },
  async get(productId: string, userId: string, id: string): Promise<Stored<JobDoc>> {
    const doc = await deps.repo.get(productId, id);
    if (doc?.type !== USER_DATA_TYPE || doc.createdBy !== userId) throw notFound(id);
    return doc;
  },
  async list(productId: string, userId: string, limit: number, cursor?: string) {
    const page = await deps.repo.list(
      productId,
      { type: { eq: USER_DATA_TYPE }, createdBy: { eq: userId } },
      limit,
      cursor,
    );
    return { items: page.items, nextCursor: page.continuation };
  },
  /** The file's signed URL, valid `seconds`; undefined until the file is ready or once it was deleted. */
  async downloadUrl(job: JobDoc, seconds: number) {
    if (job.status !== 'ready' || !job.file || job.fileDeletedAt) return undefined;
    const url = await deps.blob.signedUrl(EXPORT_BLOB_CONTAINER, `${job.productId}/${job.file.key}`, {
      expiresInSeconds: seconds,
      downloadName: job.file.fileName,
    });
    return { url, fileName: job.file.fileName };
  },
});

export type UserDataExports = ReturnType<typeof createUserDataExports>;
