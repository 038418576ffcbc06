import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';

/** Events of the platform itself (job failures, dead-letter reports) carry this product id. */
export const PLATFORM_SCOPE = '*';

const ZScope = z
  .string()
  .regex(/^(\*|[a-z0-9][a-z0-9-]{0,62})$/, 'Expected a product slug or * for platform events');

export const ZEventStatus = z.enum(['pending', 'delivered', 'dead_lettered']);
export const ZDeliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'dead']);

export const ZEventListInput = z.object({
  /** Another product than the current one, or `*` for platform events: super_admin only. */
  productId: ZScope.optional(),
  /** Every product at once: super_admin only. */
  allProducts: ZQueryBoolean.optional(),
  type: z.string().max(100).optional(),
  status: ZEventStatus.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TEventListInput = z.infer<typeof ZEventListInput>;

export const ZDeliveryCounts = z.object({
  total: z.number().int(),
  succeeded: z.number().int(),
  open: z.number().int(),
  dead: z.number().int(),
});

export const ZEventSummary = z.object({
  id: z.string(),
  type: z.string(),
  version: z.number().int(),
  productId: z.string(),
  actorId: z.string().nullable(),
  at: z.string(),
  status: ZEventStatus,
  deliveries: ZDeliveryCounts,
});
export type TEventSummary = z.infer<typeof ZEventSummary>;

export const ZEventListOutput = z.object({
  items: z.array(ZEventSummary),
  nextCursor: z.string().nullable(),
});

export const ZDeliveryAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  durationMs: z.number(),
  error: z.string().nullable(),
});

export const ZDeliveryView = z.object({
  subscriber: z.string(),
  status: ZDeliveryStatus,
  sequential: z.boolean(),
  priority: z.number(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  history: z.array(ZDeliveryAttempt),
});
export type TDeliveryView = z.infer<typeof ZDeliveryView>;

export const ZEventDetail = ZEventSummary.extend({
  seq: z.string(),
  data: z.record(z.string(), z.unknown()),
  subscribers: z.array(ZDeliveryView),
});
export type TEventDetail = z.infer<typeof ZEventDetail>;

export const ZEventRef = z.object({
  id: z.string().min(1).max(100),
  productId: ZScope.optional(),
});

export const ZReplayInput = ZEventRef.extend({ subscriber: z.string().min(1).max(64).optional() });
export const ZReplayOutput = z.object({ event: ZEventDetail, replayed: z.array(z.string()) });

export const ZDeadLetterListInput = z.object({
  productId: ZScope.optional(),
  allProducts: ZQueryBoolean.optional(),
  type: z.string().max(100).optional(),
  subscriber: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TDeadLetterListInput = z.infer<typeof ZDeadLetterListInput>;

export const ZDeadLetter = z.object({
  eventId: z.string(),
  type: z.string(),
  productId: z.string(),
  at: z.string(),
  subscriber: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
});
export type TDeadLetter = z.infer<typeof ZDeadLetter>;
export const ZDeadLetterListOutput = z.object({
  items: z.array(ZDeadLetter),
  nextCursor: z.string().nullable(),
});

export const ZReplayMatchingInput = z.object({
  productId: ZScope.optional(),
  allProducts: ZQueryBoolean.optional(),
  type: z.string().max(100).optional(),
  subscriber: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type TReplayMatchingInput = z.infer<typeof ZReplayMatchingInput>;
export const ZReplayMatchingOutput = z.object({
  events: z.number().int(),
  deliveries: z.number().int(),
  /** More dead letters matched than one call replays (REPLAY_LIMIT); call again. */
  more: z.boolean(),
});

export const ZCatalogueEntry = z.object({
  type: z.string(),
  version: z.number().int(),
  description: z.string(),
  public: z.boolean(),
  schema: z.record(z.string(), z.unknown()),
  /** A payload the schema accepts, as a webhook receiver gets it in `data`; null for an internal event without one. */
  example: z.record(z.string(), z.unknown()).nullable(),
  subscribers: z.array(z.string()),
});
export const ZCatalogueOutput = z.object({ events: z.array(ZCatalogueEntry) });

export const ZSubscriberInfo = z.object({
  name: z.string(),
  events: z.union([z.array(z.string()), z.literal('*')]),
  description: z.string(),
  priority: z.number(),
  sequential: z.boolean(),
  maxAttempts: z.number().int(),
  timeoutMs: z.number().int(),
});
export const ZSubscribersOutput = z.object({ items: z.array(ZSubscriberInfo) });

export const ZEventStatsOutput = z.object({
  pending: z.number().int(),
  deadLettered: z.number().int(),
  last24h: z.number().int(),
});
