import { z } from 'zod';
import { ZAvatar } from '../users/schema';

const ZFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), {
    message: 'A file name, without slashes or control characters',
  });
const ZUserId = z.string().min(1).max(128);
const ZBlobKey = z.string().min(1).max(900);

/** An avatar original about to be uploaded: checked against the `avatars` container's rules (5 MiB, images). */
export const ZAvatarUploadMineInput = z.object({
  fileName: ZFileName,
  contentType: z.string().trim().min(3).max(200),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type TAvatarUploadMineInput = z.infer<typeof ZAvatarUploadMineInput>;
export const ZAvatarUploadInput = ZAvatarUploadMineInput.extend({ userId: ZUserId });

export const ZAvatarConfirmMineInput = z.object({ key: ZBlobKey });
export const ZAvatarConfirmInput = ZAvatarConfirmMineInput.extend({ userId: ZUserId });
export const ZAvatarUserInput = z.object({ userId: ZUserId });

export const ZAvatarUploadStatus = z.enum(['processing', 'ready', 'failed']);
/** One confirmed upload and how its processing went; a failed one says why and leaves the avatar as it was. */
export const ZAvatarUpload = z.object({
  id: z.string(),
  userId: z.string(),
  status: ZAvatarUploadStatus,
  error: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TAvatarUpload = z.infer<typeof ZAvatarUpload>;

export const ZAvatarState = z.object({
  userId: z.string(),
  avatar: ZAvatar.nullable(),
  latestUpload: ZAvatarUpload.nullable(),
});
export type TAvatarState = z.infer<typeof ZAvatarState>;

export const ZSignedAvatarUpload = z.object({
  key: z.string(),
  maxBytes: z.number().int(),
  upload: z.object({
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});

export const RELEASE_PLATFORMS = ['macos', 'windows', 'linux'] as const;
export const ZReleasePlatform = z.enum(RELEASE_PLATFORMS);
export type TReleasePlatform = z.infer<typeof ZReleasePlatform>;
export const ZReleaseChannel = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'Lowercase letters, digits and dashes, e.g. stable or beta');
/** Semantic versions only, so "latest" is semver precedence (pre-releases before their release). */
export const ZReleaseVersion = z
  .string()
  .trim()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/,
    'A semantic version such as 2.4.0 or 2.5.0-beta.1',
  );

/** Registers a binary already uploaded to the `releases` blob container (blob.createUploadUrl). */
export const ZReleaseCreateInput = z.object({
  version: ZReleaseVersion,
  platform: ZReleasePlatform,
  channel: ZReleaseChannel.default('stable'),
  key: ZBlobKey,
  /** The name the binary is served under (default: the key's last segment). */
  fileName: ZFileName.optional(),
  publish: z.boolean().default(false),
});
export type TReleaseCreateInput = z.infer<typeof ZReleaseCreateInput>;

export const ZRelease = z.object({
  id: z.string(),
  version: z.string(),
  platform: ZReleasePlatform,
  channel: z.string(),
  fileName: z.string(),
  url: z.string(),
  sha256: z.string(),
  sha512: z.string(),
  size: z.number().int(),
  state: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TRelease = z.infer<typeof ZRelease>;

export const ZReleaseIdInput = z.object({ id: z.string().min(1).max(200) });
export const ZReleaseListInput = z.object({
  platform: ZReleasePlatform.optional(),
  channel: ZReleaseChannel.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TReleaseListInput = z.infer<typeof ZReleaseListInput>;
export const ZReleaseListOutput = z.object({ items: z.array(ZRelease), nextCursor: z.string().nullable() });

export const ZLatestReleaseInput = z.object({
  platform: ZReleasePlatform,
  channel: ZReleaseChannel.default('stable'),
});
/** What a desktop updater reads on launch: the newest published build of its platform and channel. */
export const ZReleaseManifest = z.object({
  version: z.string(),
  platform: ZReleasePlatform,
  channel: z.string(),
  url: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sha512: z.string(),
  size: z.number().int(),
  /** The changelog entry of this version on the public changelog page, when one is published. */
  releaseNotesUrl: z.string().nullable(),
  publishedAt: z.string(),
});
export type TReleaseManifest = z.infer<typeof ZReleaseManifest>;
