import { z } from 'zod';

const MiB = 1024 * 1024;

/** Who may write a container: `user` containers take uploads from any signed-in user (under their own prefix). */
export type TBlobAccess = 'user' | 'admin';

export type TBlobContainerRule = {
  name: string;
  description: string;
  access: TBlobAccess;
  maxBytes: number;
  /** Media types accepted (parameters such as `; charset=` are ignored when comparing). */
  contentTypes: readonly string[];
};

const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** The six storage containers and their rules; a fixed list, so names are checked by the schema. */
export const BLOB_CONTAINERS = {
  audio: {
    name: 'audio',
    description: 'Voice recordings uploaded by clients',
    access: 'user',
    maxBytes: 200 * MiB,
    contentTypes: [
      'audio/mpeg',
      'audio/mp4',
      'audio/x-m4a',
      'audio/aac',
      'audio/wav',
      'audio/webm',
      'audio/ogg',
      'audio/flac',
    ],
  },
  transcripts: {
    name: 'transcripts',
    description: 'Transcripts and captions',
    access: 'user',
    maxBytes: 10 * MiB,
    contentTypes: ['text/plain', 'text/vtt', 'text/markdown', 'application/json', 'application/x-subrip'],
  },
  attachments: {
    name: 'attachments',
    description: 'Files attached to feedback, tracker items and messages',
    access: 'user',
    maxBytes: 25 * MiB,
    contentTypes: [
      ...IMAGES,
      'application/pdf',
      'text/plain',
      'text/csv',
      'application/json',
      'application/zip',
    ],
  },
  avatars: {
    name: 'avatars',
    description: 'Profile pictures',
    access: 'user',
    maxBytes: 5 * MiB,
    contentTypes: IMAGES,
  },
  releases: {
    name: 'releases',
    description: 'App builds and installers (admins publish)',
    access: 'admin',
    maxBytes: 2048 * MiB,
    contentTypes: [
      'application/octet-stream',
      'application/zip',
      'application/gzip',
      'application/x-tar',
      'application/x-apple-diskimage',
      'application/vnd.android.package-archive',
      'application/x-msdownload',
    ],
  },
  backups: {
    name: 'backups',
    description: 'Database exports and backups (admins only)',
    access: 'admin',
    maxBytes: 5120 * MiB,
    contentTypes: [
      'application/octet-stream',
      'application/gzip',
      'application/zip',
      'application/json',
      'application/x-ndjson',
    ],
  },
} as const satisfies Record<string, TBlobContainerRule>;

export const BLOB_CONTAINER_NAMES = [
  'audio',
  'transcripts',
  'attachments',
  'avatars',
  'releases',
  'backups',
] as const;
export const ZBlobContainer = z.enum(BLOB_CONTAINER_NAMES);
export type TBlobContainer = z.infer<typeof ZBlobContainer>;

/** Keys as callers see them (the product prefix the service adds is never shown). */
const ZKey = z
  .string()
  .min(1)
  .max(900)
  .refine((k) => !k.startsWith('/') && !k.split('/').some((s) => s === '' || s === '.' || s === '..'), {
    message: 'Invalid key: no leading slash, empty, . or .. segments',
  });

export const ZBlobObject = z.object({
  container: ZBlobContainer,
  key: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  etag: z.string(),
  lastModified: z.string(),
  metadata: z.record(z.string(), z.string()),
});
export type TBlobObject = z.infer<typeof ZBlobObject>;

export const ZBlobContainerRule = z.object({
  name: ZBlobContainer,
  description: z.string(),
  access: z.enum(['user', 'admin']),
  maxBytes: z.number().int(),
  contentTypes: z.array(z.string()),
});
export const ZBlobContainersOutput = z.object({ items: z.array(ZBlobContainerRule) });

export const ZBlobRef = z.object({ container: ZBlobContainer, key: ZKey });
export type TBlobRef = z.infer<typeof ZBlobRef>;

export const ZBlobListInput = z.object({
  container: ZBlobContainer,
  prefix: z.string().max(900).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TBlobListInput = z.infer<typeof ZBlobListInput>;
export const ZBlobListOutput = z.object({ items: z.array(ZBlobObject), nextCursor: z.string().nullable() });

export const ZUploadUrlInput = z.object({
  container: ZBlobContainer,
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), {
      message: 'A file name, without slashes or control characters',
    }),
  contentType: z.string().trim().min(3).max(200),
  /** Size in bytes of the file to upload; checked against the container's limit and enforced on upload. */
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Admins choose any key; users only one under `users/<their id>/`. Default: generated under that prefix. */
  key: ZKey.optional(),
});
export type TUploadUrlInput = z.infer<typeof ZUploadUrlInput>;

export const ZSignedUpload = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

export const ZUploadUrlOutput = z.object({
  container: ZBlobContainer,
  key: z.string(),
  maxBytes: z.number().int(),
  contentType: z.string(),
  upload: ZSignedUpload,
});

export const ZDownloadUrlInput = ZBlobRef.extend({
  downloadName: z.string().trim().min(1).max(200).optional(),
  expiresInSeconds: z.number().int().min(30).max(86_400).optional(),
});
export type TDownloadUrlInput = z.infer<typeof ZDownloadUrlInput>;
export const ZDownloadUrlOutput = z.object({ url: z.string(), expiresAt: z.string() });

export const ZBlobDeleteOutput = z.object({
  container: ZBlobContainer,
  key: z.string(),
  deleted: z.boolean(),
});

/** `users/<userId>/`: the only prefix a plain user may write to or read from. */
export const userPrefix = (userId: string) => `users/${userId}/`;
