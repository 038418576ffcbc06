import { z } from 'zod';

export const ZTelemetryLevel = z.enum(['debug', 'info', 'warn', 'error', 'fatal']);
export type TTelemetryLevel = z.infer<typeof ZTelemetryLevel>;
export const TELEMETRY_LEVELS = ZTelemetryLevel.options;

export const ZClientPlatform = z.enum(['ios', 'android', 'macos', 'windows', 'linux', 'web', 'other']);

/** Props limits: small flat records, so one event stays a few KB at most. */
export const PROPS_MAX_KEYS = 50;
export const PROPS_MAX_BYTES = 8 * 1024;

const ZPropValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
export const ZTelemetryProps = z
  .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'Keys are 1-64 letters, digits or _ . : -'), ZPropValue)
  .refine((props) => Object.keys(props).length <= PROPS_MAX_KEYS, `At most ${PROPS_MAX_KEYS} props`)
  .refine(
    (props) => JSON.stringify(props).length <= PROPS_MAX_BYTES,
    `Props exceed ${PROPS_MAX_BYTES} bytes`,
  );

const name = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'Event names are 1-100 of A-Z a-z 0-9 _ . : / -');
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const ZClientEventInput = z.object({
  name,
  level: ZTelemetryLevel,
  at: z.iso.datetime({ offset: true }),
  sessionId: shortText(128).optional(),
  deviceId: shortText(128).optional(),
  /** Ignored when the caller is signed in: the session's user wins. */
  userId: shortText(128).optional(),
  platform: ZClientPlatform,
  appVersion: shortText(50),
  osVersion: shortText(50).optional(),
  message: z.string().max(2000).optional(),
  stack: z.string().max(16_000).optional(),
  props: ZTelemetryProps.optional(),
});
export type TClientEventInput = z.infer<typeof ZClientEventInput>;

export const INGEST_MAX_BATCH = 500;
export const ZIngestInput = z.object({ events: z.array(ZClientEventInput).min(1).max(INGEST_MAX_BATCH) });
export type TIngestInput = z.infer<typeof ZIngestInput>;

export const ZIngestOutput = z.object({
  accepted: z.number().int(),
  /** Dropped by the collection policy (disabled, sample rate, denied name): not an error. */
  sampledOut: z.number().int(),
  /** Events refused one by one (e.g. a timestamp outside the retention window), by their index in the batch. */
  rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })).optional(),
});

export const ZTelemetryEvent = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  level: ZTelemetryLevel,
  at: z.string(),
  receivedAt: z.string(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  deviceId: z.string().nullable(),
  platform: z.string(),
  appVersion: z.string(),
  osVersion: z.string().nullable(),
  message: z.string().nullable(),
  stack: z.string().nullable(),
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Set on error and fatal events: the id of their cluster. */
  fingerprint: z.string().nullable(),
});
export type TTelemetryEvent = z.infer<typeof ZTelemetryEvent>;

const cursorPage = {
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
};

export const ZEventListInput = z.object({
  level: ZTelemetryLevel.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  userId: z.string().trim().min(1).max(128).optional(),
  fingerprint: z.string().trim().min(1).max(64).optional(),
  platform: ZClientPlatform.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...cursorPage,
});
export type TEventListInput = z.infer<typeof ZEventListInput>;

export const ZEventList = z.object({ items: z.array(ZTelemetryEvent), nextCursor: z.string().nullable() });

export const ZClusterStatus = z.enum(['open', 'resolved', 'ignored']);
export type TClusterStatus = z.infer<typeof ZClusterStatus>;

export const ZErrorCluster = z.object({
  id: z.string(),
  productId: z.string(),
  level: ZTelemetryLevel,
  /** The normalized message the fingerprint was built from. */
  title: z.string(),
  count: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  sampleMessage: z.string().nullable(),
  sampleStack: z.string().nullable(),
  sampleEventId: z.string().nullable(),
  platforms: z.array(z.string()),
  appVersions: z.array(z.string()),
  affectedUsers: z.number().int(),
  status: ZClusterStatus,
  /** A resolved cluster that occurred again. Cleared when it is resolved again. */
  regression: z.boolean(),
  statusChangedAt: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
});
export type TErrorCluster = z.infer<typeof ZErrorCluster>;

export const ZClusterListInput = z.object({
  status: ZClusterStatus.optional(),
  sort: z.enum(['lastSeen', 'count']).optional(),
  ...cursorPage,
});
export type TClusterListInput = z.infer<typeof ZClusterListInput>;
export const ZClusterList = z.object({ items: z.array(ZErrorCluster), nextCursor: z.string().nullable() });

export const ZClusterIdInput = z.object({ id: z.string().trim().min(1).max(64) });
export const ZClusterDetail = ZErrorCluster.extend({ recentEvents: z.array(ZTelemetryEvent) });
export const ZClusterUpdateInput = z.object({ id: z.string().trim().min(1).max(64), status: ZClusterStatus });

export const ZSampleRates = z.object({
  debug: z.number().min(0).max(1),
  info: z.number().min(0).max(1),
  warn: z.number().min(0).max(1),
  error: z.number().min(0).max(1),
  fatal: z.number().min(0).max(1),
});

export const ZCollectionPolicyFields = z.object({
  enabled: z.boolean(),
  sampleRates: ZSampleRates,
  /** Event names never stored; a trailing `*` matches a prefix (`debug.*`). */
  denyNames: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.:/-]{1,100}\*?$/),
    )
    .max(100),
  maxBatch: z.number().int().min(1).max(INGEST_MAX_BATCH),
  retentionDays: z.number().int().min(1).max(365),
});
export type TCollectionPolicyFields = z.infer<typeof ZCollectionPolicyFields>;

export const ZCollectionPolicy = ZCollectionPolicyFields.extend({
  productId: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TCollectionPolicy = z.infer<typeof ZCollectionPolicy>;

export const ZPolicyUpdateInput = ZCollectionPolicyFields.partial().extend({
  sampleRates: ZSampleRates.partial().optional(),
});
export type TPolicyUpdateInput = z.infer<typeof ZPolicyUpdateInput>;

export const ZEraseUserInput = z.object({ userId: z.string().trim().min(1).max(128) });
export const ZEraseOutput = z.object({ eventsDeleted: z.number().int(), clustersScrubbed: z.number().int() });
export type TEraseOutput = z.infer<typeof ZEraseOutput>;
