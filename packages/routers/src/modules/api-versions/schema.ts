import { z } from 'zod';

export const ZApiVersion = z.object({
  id: z.string(),
  status: z.enum(['current', 'deprecated', 'retired']),
  releasedAt: z.string(),
  deprecatedAt: z.string().optional(),
  sunsetAt: z.string().optional(),
  migrationGuideUrl: z.string(),
});

export const ZDeprecatedOperation = z.object({
  procedure: z.string(),
  /** `METHOD /v1/path`. */
  route: z.string(),
  deprecatedAt: z.string(),
  sunsetAt: z.string(),
  replacement: z.string().optional(),
});

/** One client's calls of one deprecated version or operation over the window, summed across days. */
export const ZApiVersionUsageRow = z.object({
  client: z.string(),
  version: z.string(),
  operation: z.string(),
  /** `version`: the whole version is deprecated; `operation`: only this operation is. */
  kind: z.enum(['version', 'operation']),
  count: z.number().int(),
  lastSeenAt: z.string(),
});

export const ZApiVersionsOverviewInput = z.object({
  /** How many days back the usage table reaches (1..90). */
  days: z.number().int().min(1).max(90).default(30),
});

export const ZApiVersionsOverview = z.object({
  current: z.string(),
  versions: z.array(ZApiVersion),
  deprecatedOperations: z.array(ZDeprecatedOperation),
  usage: z.array(ZApiVersionUsageRow),
  /** The OpenAPI document of each version, by id. */
  documents: z.record(z.string(), z.string()),
});

export type TApiVersionUsageRow = z.infer<typeof ZApiVersionUsageRow>;
export type TDeprecatedOperation = z.infer<typeof ZDeprecatedOperation>;
export type TApiVersionsOverview = z.infer<typeof ZApiVersionsOverview>;
