import { z } from 'zod';

/**
 * What admin search covers; each type is declared once in `entities/` (its events, its records, its text).
 * Adding a type (a changelog entry, say) is a declaration there and its name here.
 */
export const SEARCH_TYPES = [
  'user',
  'tracker_item',
  'audit',
  'feedback',
  'changelog',
  'memory',
  'doc',
] as const;
export const ZSearchType = z.enum(SEARCH_TYPES);
export type TSearchType = z.infer<typeof ZSearchType>;

/** `types=user,audit` on the REST face, or an array through tRPC. */
const ZTypes = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
  z.array(ZSearchType).min(1).max(SEARCH_TYPES.length),
);

export const SEARCH_QUERY_MAX = 200;

export const ZSearchInput = z.object({
  /** Not trimmed: a space after the last word says it is finished (no prefix match). */
  q: z
    .string()
    .max(SEARCH_QUERY_MAX)
    .refine((q) => /[\p{L}\p{N}]/u.test(q), 'Type a word to search for'),
  types: ZTypes.optional(),
  /** Results per type. */
  limit: z.number().int().min(1).max(20).optional(),
});
export type TSearchInput = z.infer<typeof ZSearchInput>;

export const ZSearchHit = z.object({
  type: ZSearchType,
  id: z.string(),
  title: z.string(),
  /** The title with the matched words in `<mark>`; everything else HTML-escaped. */
  titleHtml: z.string(),
  subtitle: z.string().nullable(),
  /** Where the words matched, cut to a window, in the same safe HTML; null when only the title matched. */
  snippetHtml: z.string().nullable(),
  /** The query equals one of the record's keys (an email, its id). */
  exact: z.boolean(),
  /** BM25: comparable within a type, roughly across types. */
  score: z.number(),
  /** The record's time (created, or the audit entry's), when it has one. */
  at: z.string().nullable(),
  /** What opens the record: its id, and for an audit entry the filters that narrow the log to it. */
  ref: z.record(z.string(), z.string()),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchOutput = z.object({
  q: z.string(),
  /** The words matched; the last one may have matched as a prefix. */
  terms: z.array(z.string()),
  /** Exact matches first, then by score; at most `limit` per type. */
  items: z.array(ZSearchHit),
});

export const REBUILD_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const ZRebuildStatus = z.enum(REBUILD_STATUSES);

export const ZRebuildInput = z.object({ types: ZTypes.optional() }).optional();
export type TRebuildInput = z.infer<typeof ZRebuildInput>;

export const ZRebuildIdInput = z.object({ id: z.string().min(1).max(64) });

export const ZRebuild = z.object({
  id: z.string(),
  status: ZRebuildStatus,
  types: z.array(ZSearchType),
  progress: z.object({
    /** The type being indexed; null before the first and after the last. */
    type: ZSearchType.nullable(),
    done: z.number().int(),
    /** Records expected in all: what the sources or the index held when the rebuild started. */
    total: z.number().int(),
  }),
  indexed: z.record(z.string(), z.number().int()),
  /** Entries the rebuild took out because no source holds their record any more. */
  removed: z.number().int(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type TRebuild = z.infer<typeof ZRebuild>;

export const ZSearchStats = z.object({
  /** Index entries per type. */
  counts: z.record(z.string(), z.number().int()),
  latestRebuild: ZRebuild.nullable(),
});
