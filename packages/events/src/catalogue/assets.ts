import { z } from 'zod';
import { def, id } from './def';

/**
 * Assets (roadmap §2.17): avatar uploads turned into content-addressed variants off the request path, and
 * release binaries with a per-platform "latest" manifest. A new avatar and a published release are public, so a
 * webhook receiver can refresh a cached profile picture or announce a build.
 */

const ZPlatform = z.enum(['macos', 'windows', 'linux']);

const releasePayload = z.object({
  releaseId: id,
  version: z.string(),
  platform: ZPlatform,
  channel: z.string(),
  sha256: z.string(),
  size: z.number().int().min(0),
  publishedAt: z.iso.datetime().nullable(),
});

export const ASSETS_EVENTS = {
  'avatar.uploaded': def({
    version: 1,
    public: false,
    description:
      "An avatar original passed its checks; the assets module's subscriber makes its variants off the request path.",
    payload: z.object({ uploadId: id, userId: id }),
    example: { uploadId: 'avu_5m2k9x', userId: 'usr_4kd82m9x' },
  }),
  'avatar.updated': def({
    version: 1,
    public: true,
    description:
      "A user's avatar changed: new variants are ready (uploadId set) or the avatar was removed (uploadId null).",
    payload: z.object({ userId: id, uploadId: z.string().nullable() }),
    example: { userId: 'usr_4kd82m9x', uploadId: 'avu_5m2k9x' },
  }),
  'avatar.failed': def({
    version: 1,
    public: false,
    description: "An avatar's variants could not be made; the previous avatar stays.",
    payload: z.object({ uploadId: id, userId: id, reason: z.string() }),
    example: { uploadId: 'avu_5m2k9x', userId: 'usr_4kd82m9x', reason: 'Input image exceeds pixel limit' },
  }),
  'release.created': def({
    version: 1,
    public: false,
    description: 'A release binary was registered (not yet published).',
    payload: releasePayload,
  }),
  'release.unpublished': def({
    version: 1,
    public: false,
    description: 'A published release was taken back; updaters get the previous published build again.',
    payload: releasePayload,
  }),
  'release.published': def({
    version: 1,
    public: true,
    description: 'A release was published; desktop updaters see it on GET /v1/releases/latest.',
    payload: releasePayload,
    example: {
      releaseId: 'rel_macos_2.4.0_stable',
      version: '2.4.0',
      platform: 'macos',
      channel: 'stable',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      size: 48_211_009,
      publishedAt: '2026-03-20T09:00:00.000Z',
    },
  }),
} as const;
