import { TEMPLATE_NAMES } from '@bytelyst/emails/templates';
import { z } from 'zod';
import { isVersion } from '../flags/semver';
import { ZNotificationType } from '../notifications/schema';
import { ZEmail } from '../users/schema';

export const DELIVERY_CHANNELS = ['email', 'push'] as const;
export const ZDeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type TDeliveryChannel = z.infer<typeof ZDeliveryChannel>;

/**
 * Where a message stands. Providers report in any order, so each status has a rank and the entry shows the
 * highest one reached (an `opened` that arrives before `delivered` stays `opened`); the timeline keeps them all.
 * `suppressed` and `skipped` (the user's preferences) are decided before sending; `held` waits for quiet hours,
 * the daily cap or the product's maintenance to pass.
 */
export const DELIVERY_STATUSES = [
  'queued',
  'held',
  'sent',
  'deferred',
  'delivered',
  'opened',
  'clicked',
  'unsubscribed',
  'bounced',
  'dropped',
  'spam_report',
  'failed',
  'suppressed',
  'skipped',
] as const;
export const ZDeliveryStatus = z.enum(DELIVERY_STATUSES);

/** Why a `held` message waits: the user's quiet hours, their daily cap, or the product's maintenance. */
export const ZHoldReason = z.enum(['quiet_hours', 'daily_cap', 'maintenance']);
export type THoldReason = z.infer<typeof ZHoldReason>;
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

export const STATUS_RANK: Record<TDeliveryStatus, number> = {
  queued: 0,
  held: 1,
  sent: 10,
  deferred: 15,
  delivered: 20,
  opened: 30,
  clicked: 40,
  unsubscribed: 50,
  bounced: 60,
  dropped: 60,
  failed: 60,
  spam_report: 70,
  suppressed: 80,
  skipped: 80,
};

export const PUSH_TYPES = ['dictation_reminder', 'feature_announcement', 'subscription_change'] as const;
export const ZPushType = z.enum(PUSH_TYPES);
export type TPushType = z.infer<typeof ZPushType>;

export const ZTemplateName = z.enum(TEMPLATE_NAMES);

export const ZPushContent = z.object({
  type: ZPushType,
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(500),
  data: z.record(z.string().max(64), z.string().max(1000)).optional(),
});
export type TPushContent = z.infer<typeof ZPushContent>;

const ZIdempotencyKey = z.string().trim().min(1).max(255);

/**
 * One message to one recipient: an email template with its props, or a push. `userId` reaches the user's
 * address (or every device with a push token) and applies their preferences; `to` mails an address directly.
 */
export const ZDeliverySendInput = z
  .object({
    userId: z.string().trim().min(1).max(128).optional(),
    to: ZEmail.optional(),
    template: ZTemplateName.optional(),
    /** The template's own props (its sender schema); `email` and `name` default to the user's. */
    props: z.record(z.string(), z.unknown()).optional(),
    push: ZPushContent.optional(),
    /** Which preference governs it; transactional templates go whatever the preferences say. */
    category: ZNotificationType,
    /** The same key within 24 hours answers the first request's result instead of sending again. */
    idempotencyKey: ZIdempotencyKey.optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.template === undefined) === (input.push === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'Give either template or push' });
    }
    if (input.push && !input.userId) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'A push goes to a user' });
    }
    if (input.template && !input.userId && !input.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Give userId or to' });
    }
  });
export type TDeliverySendInput = z.infer<typeof ZDeliverySendInput>;

export const ZDeliveryReceipt = z.object({
  id: z.string(),
  channel: ZDeliveryChannel,
  status: ZDeliveryStatus,
  /** The address, or the device id of a push. */
  to: z.string(),
});
export const ZDeliverySendResult = z.object({
  deliveries: z.array(ZDeliveryReceipt),
  /** True when an earlier request with the same idempotency key produced this answer. */
  replayed: z.boolean(),
});
export type TDeliverySendResult = z.infer<typeof ZDeliverySendResult>;

export const ZTimelineItem = z.object({
  status: ZDeliveryStatus,
  at: z.string(),
  detail: z.string().nullable(),
});

export const ZDeliverySummary = z.object({
  id: z.string(),
  productId: z.string(),
  channel: ZDeliveryChannel,
  userId: z.string().nullable(),
  to: z.string(),
  template: z.string(),
  category: ZNotificationType,
  transactional: z.boolean(),
  status: ZDeliveryStatus,
  provider: z.string().nullable(),
  test: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDeliverySummary = z.infer<typeof ZDeliverySummary>;

export const ZDeliveryDetail = ZDeliverySummary.extend({
  providerMessageId: z.string().nullable(),
  fellBackFrom: z.string().nullable(),
  providerResponse: z.string().nullable(),
  holdUntil: z.string().nullable(),
  holdReason: ZHoldReason.nullable(),
  attempts: z.number().int(),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  push: ZPushContent.nullable(),
  timeline: z.array(ZTimelineItem),
  /** The bus event whose subscriber sent it, and that subscriber; null for a send made by a request or a job. */
  causedBy: z.object({ eventId: z.string(), subscriber: z.string() }).nullable(),
});
export type TDeliveryDetail = z.infer<typeof ZDeliveryDetail>;

export const ZDeliveryListInput = z.object({
  channel: ZDeliveryChannel.optional(),
  status: ZDeliveryStatus.optional(),
  template: z.string().trim().min(1).max(64).optional(),
  /** The recipient's address (exact, case-insensitive). */
  email: z.string().trim().toLowerCase().max(254).optional(),
  userId: z.string().trim().min(1).max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TDeliveryListInput = z.infer<typeof ZDeliveryListInput>;
export const ZDeliveryPage = z.object({
  items: z.array(ZDeliverySummary),
  nextCursor: z.string().nullable(),
});

export const ZDeliveryIdInput = z.object({ id: z.string().trim().min(1).max(80) });

export const ZDeliveryStatsInput = z.object({ days: z.number().int().min(1).max(90).default(14) });
export const ZDeliveryDayStats = z.object({
  day: z.string(),
  sent: z.number().int(),
  delivered: z.number().int(),
  bounced: z.number().int(),
  opened: z.number().int(),
  failed: z.number().int(),
});
export const ZDeliveryStats = z.object({
  days: z.array(ZDeliveryDayStats),
  totals: ZDeliveryDayStats.omit({ day: true }),
});
export type TDeliveryStats = z.infer<typeof ZDeliveryStats>;

export const SUPPRESSION_REASONS = ['bounced', 'dropped', 'spam_report', 'unsubscribed', 'manual'] as const;
export const ZSuppression = z.object({
  email: z.string(),
  reason: z.enum(SUPPRESSION_REASONS),
  detail: z.string().nullable(),
  deliveryId: z.string().nullable(),
  createdAt: z.string(),
});
export type TSuppression = z.infer<typeof ZSuppression>;
export const ZSuppressionListInput = z.object({
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export const ZSuppressionPage = z.object({ items: z.array(ZSuppression), nextCursor: z.string().nullable() });
export const ZSuppressionEmailInput = z.object({ email: ZEmail });

/** Who a feature announcement reaches: every user with a push-capable device matching all given filters. */
export const ZSegment = z.object({
  platforms: z.array(z.enum(['ios', 'android', 'macos', 'windows', 'linux', 'web'])).optional(),
  plans: z.array(z.string().trim().min(1).max(40)).optional(),
  /** Inclusive semver bounds on the device's app version. */
  minAppVersion: z.string().trim().max(40).refine(isVersion, 'Expected a version such as 2.3.0').optional(),
  maxAppVersion: z.string().trim().max(40).refine(isVersion, 'Expected a version such as 2.3.0').optional(),
});
export type TSegment = z.infer<typeof ZSegment>;
export const ZAnnouncementInput = z.object({
  segment: ZSegment,
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(500),
});
export const ZSegmentPreview = z.object({ users: z.number().int(), devices: z.number().int() });

export const ZTemplateInfo = z.object({
  name: ZTemplateName,
  title: z.string(),
  description: z.string(),
  transactional: z.boolean(),
});
export const ZTemplatePreviewInput = z.object({
  template: ZTemplateName,
  /** The full props (brand included); absent: the template's preview props with the product's brand. */
  props: z.record(z.string(), z.unknown()).optional(),
});
export const ZCheckIssue = z.object({
  check: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  detail: z.string().optional(),
});
export const ZClientSupport = z.object({
  feature: z.string(),
  clients: z.array(z.string()),
  support: z.enum(['none', 'partial']),
  notes: z.array(z.string()).optional(),
});
export const ZTemplatePreview = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  props: z.record(z.string(), z.unknown()),
  checks: z.object({
    sizeBytes: z.number().int(),
    gmailClipBytes: z.number().int(),
    issues: z.array(ZCheckIssue),
    clientSupport: z.array(ZClientSupport),
  }),
});
export const ZSendTestInput = ZTemplatePreviewInput.extend({ to: ZEmail });
