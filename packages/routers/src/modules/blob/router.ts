import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import {
  ZBlobContainersOutput,
  ZBlobDeleteOutput,
  ZBlobListInput,
  ZBlobListOutput,
  ZBlobObject,
  ZBlobRef,
  ZDownloadUrlInput,
  ZDownloadUrlOutput,
  ZUploadUrlInput,
  ZUploadUrlOutput,
} from './schema';

const tag = 'blob';
const targetType = 'blob';

export const blobRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/blob/objects', { tag, summary: "List a container's blobs by key prefix, paged" }))
    .input(ZBlobListInput)
    .output(ZBlobListOutput)
    .query(({ ctx, input }) => ctx.services.blobs.list(ctx.productId, input)),
  delete: adminProcedure
    .meta(rest('DELETE', '/blob/objects', { tag, summary: 'Delete one blob', targetType }))
    .input(ZBlobRef)
    .output(ZBlobDeleteOutput)
    .mutation(({ ctx, input }) => ctx.services.blobs.delete(ctx.productId, input, ctx.principal.userId)),
  getInfo: adminProcedure
    .meta(rest('GET', '/blob/objects/info', { tag, summary: "One blob's size, type, etag and metadata" }))
    .input(ZBlobRef)
    .output(ZBlobObject)
    .query(({ ctx, input }) => ctx.services.blobs.info(ctx.productId, input)),
  listContainers: adminProcedure
    .meta(rest('GET', '/blob/containers', { tag, summary: 'The storage containers and their upload rules' }))
    .output(ZBlobContainersOutput)
    .query(({ ctx }) => ctx.services.blobs.containers()),
  createUploadUrl: authedProcedure
    .meta(
      rest('POST', '/blob/upload-url', {
        tag,
        summary: 'A signed URL to upload one file (PUT, 15 minutes), checked against the container rules',
        description:
          'Users write only to user containers, under users/<their id>/; send the body with the returned method and headers.',
      }),
    )
    .input(ZUploadUrlInput)
    .output(ZUploadUrlOutput)
    .mutation(({ ctx, input }) => ctx.services.blobs.createUploadUrl(ctx.productId, input, ctx.principal)),
  createDownloadUrl: authedProcedure
    .meta(
      rest('POST', '/blob/download-url', {
        tag,
        summary: 'A signed, expiring download URL (users: their own files only)',
      }),
    )
    .input(ZDownloadUrlInput)
    .output(ZDownloadUrlOutput)
    .mutation(({ ctx, input }) => ctx.services.blobs.createDownloadUrl(ctx.productId, input, ctx.principal)),
});
