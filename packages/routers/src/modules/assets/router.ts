import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import {
  ZAvatarConfirmInput,
  ZAvatarConfirmMineInput,
  ZAvatarState,
  ZAvatarUpload,
  ZAvatarUploadInput,
  ZAvatarUploadMineInput,
  ZAvatarUserInput,
  ZRelease,
  ZReleaseCreateInput,
  ZReleaseIdInput,
  ZReleaseListInput,
  ZReleaseListOutput,
  ZSignedAvatarUpload,
} from './schema';

const tag = 'avatars';
const targetType = 'user';
const uploadFlow =
  'PUT the image to the returned URL with its headers, then confirm with the key; the variants appear on the profile once made (202: worked on after the answer).';

export const avatarsRouter = router({
  getMine: authedProcedure
    .meta(rest('GET', '/avatars/me', { tag, summary: 'Your avatar (variant URLs) and your latest upload' }))
    .output(ZAvatarState)
    .query(({ ctx }) => ctx.services.assets.avatars.get(ctx.productId, ctx.principal.userId)),
  createUploadMine: authedProcedure
    .meta(
      rest('POST', '/avatars/me/upload-url', {
        tag,
        summary: 'A signed URL to upload a new avatar (JPEG, PNG, WebP or GIF; 5 MiB)',
        description: uploadFlow,
      }),
    )
    .input(ZAvatarUploadMineInput)
    .output(ZSignedAvatarUpload)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.avatars.createUpload(ctx.productId, ctx.principal, ctx.principal.userId, input),
    ),
  confirmMine: authedProcedure
    .meta(
      rest('POST', '/avatars/me/confirm', {
        tag,
        summary: 'Confirm an uploaded avatar: checked now, variants made in the background',
        description: 'A non-image or an image past 40 megapixels is refused with a 4xx naming `file`.',
        successStatus: 202,
      }),
    )
    .input(ZAvatarConfirmMineInput)
    .output(ZAvatarUpload)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.avatars.confirm(ctx.productId, ctx.principal, ctx.principal.userId, input.key),
    ),
  deleteMine: authedProcedure
    .meta(rest('DELETE', '/avatars/me', { tag, summary: 'Remove your avatar' }))
    .output(ZAvatarState)
    .mutation(({ ctx }) =>
      ctx.services.assets.avatars.delete(ctx.productId, ctx.principal.userId, ctx.principal.userId),
    ),
  get: adminProcedure
    .meta(rest('GET', '/avatars/{userId}', { tag, summary: "A user's avatar and their latest upload" }))
    .input(ZAvatarUserInput)
    .output(ZAvatarState)
    .query(({ ctx, input }) => ctx.services.assets.avatars.get(ctx.productId, input.userId)),
  createUpload: adminProcedure
    .meta(
      rest('POST', '/avatars/{userId}/upload-url', {
        tag,
        summary: "A signed URL to upload a user's new avatar",
        description: uploadFlow,
      }),
    )
    .input(ZAvatarUploadInput)
    .output(ZSignedAvatarUpload)
    .mutation(({ ctx, input: { userId, ...file } }) =>
      ctx.services.assets.avatars.createUpload(ctx.productId, ctx.principal, userId, file),
    ),
  confirm: adminProcedure
    .meta(
      rest('POST', '/avatars/{userId}/confirm', {
        tag,
        summary: "Confirm a user's uploaded avatar; variants are made in the background",
        targetType,
        successStatus: 202,
      }),
    )
    .input(ZAvatarConfirmInput)
    .output(ZAvatarUpload)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.avatars.confirm(ctx.productId, ctx.principal, input.userId, input.key),
    ),
  delete: adminProcedure
    .meta(rest('DELETE', '/avatars/{userId}', { tag, summary: "Remove a user's avatar", targetType }))
    .input(ZAvatarUserInput)
    .output(ZAvatarState)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.avatars.delete(ctx.productId, ctx.principal.userId, input.userId),
    ),
});

const releaseTag = 'releases';
const releaseTarget = 'release';

export const releasesRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/releases', { tag: releaseTag, summary: 'Registered releases, newest first, paged' }))
    .input(ZReleaseListInput.optional())
    .output(ZReleaseListOutput)
    .query(({ ctx, input }) => ctx.services.assets.releases.list(ctx.productId, input ?? {})),
  create: adminProcedure
    .meta(
      rest('POST', '/releases', {
        tag: releaseTag,
        summary: 'Register a binary uploaded to the releases container (hashed, copied under its sha256)',
        targetType: releaseTarget,
      }),
    )
    .input(ZReleaseCreateInput)
    .output(ZRelease)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.releases.create(ctx.productId, ctx.principal.userId, input),
    ),
  publish: adminProcedure
    .meta(
      rest('POST', '/releases/{id}/publish', {
        tag: releaseTag,
        summary: 'Publish a release: updaters see it on GET /v1/releases/latest',
        targetType: releaseTarget,
      }),
    )
    .input(ZReleaseIdInput)
    .output(ZRelease)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.releases.publish(ctx.productId, ctx.principal.userId, input.id),
    ),
  unpublish: adminProcedure
    .meta(
      rest('POST', '/releases/{id}/unpublish', {
        tag: releaseTag,
        summary: 'Take a release back; updaters get the previous published build',
        targetType: releaseTarget,
      }),
    )
    .input(ZReleaseIdInput)
    .output(ZRelease)
    .mutation(({ ctx, input }) =>
      ctx.services.assets.releases.unpublish(ctx.productId, ctx.principal.userId, input.id),
    ),
});
