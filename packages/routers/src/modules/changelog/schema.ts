import { z } from 'zod';

/** Semantic Versioning 2.0.0's own pattern (semver.org), without a leading `v`. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const ZChangelogVersion = z
  .string()
  .trim()
  .max(64)
  .regex(SEMVER, 'Expected a semantic version such as 2.4.0 or 2.4.0-beta.1');

export const CHANGELOG_CATEGORIES = ['feature', 'improvement', 'bugfix', 'security'] as const;
export const ZChangelogCategory = z.enum(CHANGELOG_CATEGORIES);
export type TChangelogCategory = z.infer<typeof ZChangelogCategory>;

export const CHANGELOG_PLATFORMS = ['ios', 'android', 'desktop', 'web'] as const;
export const ZChangelogPlatform = z.enum(CHANGELOG_PLATFORMS);
export type TChangelogPlatform = z.infer<typeof ZChangelogPlatform>;

export const ZChangelogState = z.enum(['draft', 'scheduled', 'published']);
export type TChangelogState = z.infer<typeof ZChangelogState>;

/** Markdown, rendered and sanitised on the server. */
export const ZChangelogBody = z.string().max(50_000);

/** Who a publication is announced to (delivery's segment): users with a matching push-capable device. */
export const ZChangelogAnnouncement = z.object({
  platforms: z
    .array(z.enum(['ios', 'android', 'macos', 'windows', 'linux', 'web']))
    .max(6)
    .optional(),
  plans: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
});
export type TChangelogAnnouncement = z.infer<typeof ZChangelogAnnouncement>;

export const ZChangelogEntry = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  /** Markdown as written. */
  body: z.string(),
  /** The body rendered to sanitised HTML (no script, no inline handlers, no javascript: URLs). */
  html: z.string(),
  category: ZChangelogCategory,
  platforms: z.array(ZChangelogPlatform),
  state: ZChangelogState,
  /** True until published (drafts and scheduled entries), as the roadmap's entry has it. */
  isDraft: z.boolean(),
  publishedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  /** The segment a scheduled publication will announce to; null when it will not. */
  announcement: ZChangelogAnnouncement.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TChangelogEntry = z.infer<typeof ZChangelogEntry>;

/** What clients see of a published entry. */
export const ZChangelogPublicEntry = ZChangelogEntry.pick({
  id: true,
  version: true,
  title: true,
  body: true,
  html: true,
  category: true,
  platforms: true,
  publishedAt: true,
});
export type TChangelogPublicEntry = z.infer<typeof ZChangelogPublicEntry>;

const ZPlatforms = z.array(ZChangelogPlatform).min(1, 'Pick at least one platform').max(4);

export const ZChangelogCreateInput = z.object({
  version: ZChangelogVersion,
  title: z.string().trim().min(1).max(160),
  body: ZChangelogBody,
  category: ZChangelogCategory,
  platforms: ZPlatforms,
});
export type TChangelogCreateInput = z.infer<typeof ZChangelogCreateInput>;

export const ZChangelogUpdateInput = ZChangelogCreateInput.partial().extend({
  id: z.string().min(1).max(80),
});
export type TChangelogUpdateInput = z.infer<typeof ZChangelogUpdateInput>;

export const ZChangelogIdInput = z.object({ id: z.string().min(1).max(80) });

export const ZChangelogPublishInput = z.object({
  id: z.string().min(1).max(80),
  /** A future time schedules the publication; absent or past publishes now. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** Announce it through delivery (push and the changelog-announcement mail) to this segment. */
  announce: ZChangelogAnnouncement.optional(),
});
export type TChangelogPublishInput = z.infer<typeof ZChangelogPublishInput>;

export const ZChangelogPreviewInput = z.object({ body: ZChangelogBody });
export const ZChangelogPreview = z.object({ html: z.string() });

export const ZChangelogListAllInput = z.object({
  state: ZChangelogState.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TChangelogListAllInput = z.infer<typeof ZChangelogListAllInput>;

/** The client's launch check: entries newer than `since`, for one platform, newest version first. */
export const ZChangelogListInput = z.object({
  since: ZChangelogVersion.optional(),
  platform: ZChangelogPlatform.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TChangelogListInput = z.infer<typeof ZChangelogListInput>;

export const ZChangelogPage = z.object({
  items: z.array(ZChangelogEntry),
  nextCursor: z.string().nullable(),
});
export const ZChangelogPublicPage = z.object({
  items: z.array(ZChangelogPublicEntry),
  nextCursor: z.string().nullable(),
});
export type TChangelogPublicPage = z.infer<typeof ZChangelogPublicPage>;

export const ZLastSeenInput = z.object({ version: ZChangelogVersion });
export const ZLastSeen = z.object({ lastSeenVersion: z.string().nullable() });

/** The settings key that keeps the version whose notes the user has seen. */
export const LAST_SEEN_SETTING = 'changelog.lastSeenVersion';
