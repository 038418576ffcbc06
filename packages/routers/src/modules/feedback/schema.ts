import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';

export const FEEDBACK_TYPES = ['bug_report', 'feature_request', 'nps_survey', 'general'] as const;
export const ZFeedbackType = z.enum(FEEDBACK_TYPES);
export type TFeedbackType = z.infer<typeof ZFeedbackType>;

/** The client platforms, as telemetry names them. */
export const FEEDBACK_PLATFORMS = ['ios', 'android', 'macos', 'windows', 'linux', 'web', 'other'] as const;
export const ZFeedbackPlatform = z.enum(FEEDBACK_PLATFORMS);
export type TFeedbackPlatform = z.infer<typeof ZFeedbackPlatform>;

/**
 * `new`: in the inbox; `replied`: an admin answered by mail; `converted`: a tracker item carries it (feature
 * requests are converted on arrival); `dismissed`: set aside.
 */
export const FEEDBACK_STATUSES = ['new', 'replied', 'converted', 'dismissed'] as const;
export const ZFeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type TFeedbackStatus = z.infer<typeof ZFeedbackStatus>;

export const NPS_SEGMENTS = ['detractor', 'passive', 'promoter'] as const;
export const ZNpsSegment = z.enum(NPS_SEGMENTS);
export type TNpsSegment = z.infer<typeof ZNpsSegment>;

export const DESCRIPTION_MAX = 5000;
export const COMMENT_MAX = 2000;
export const REPLY_MAX = 5000;

const text = (max: number) => z.string().trim().min(1).max(max);

export const ZDeviceContext = z.object({
  model: text(100),
  os: text(100),
  appVersion: text(50),
  /** The screen the user was on when they reported. */
  screen: text(200),
});
export type TDeviceContext = z.infer<typeof ZDeviceContext>;

/** A screenshot uploaded first through `POST /v1/blob/upload-url` to the `attachments` container. */
export const ZScreenshotRef = z.object({ key: text(900) });

/** Free keys the client attaches to an NPS answer (where it was asked, what triggered it). */
export const ZNpsContext = z
  .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'Keys are 1-64 letters, digits or _ . : -'), text(500))
  .refine((context) => Object.keys(context).length <= 20, 'At most 20 context keys');

const TYPE_FIELDS: Record<TFeedbackType, { required: readonly string[]; allowed: readonly string[] }> = {
  bug_report: {
    required: ['description', 'device'],
    allowed: ['description', 'steps', 'device', 'screenshot'],
  },
  feature_request: { required: ['title'], allowed: ['title', 'description'] },
  nps_survey: { required: ['score'], allowed: ['score', 'comment', 'context'] },
  general: { required: ['message'], allowed: ['message'] },
};
const TYPED_FIELDS = [
  'description',
  'steps',
  'device',
  'screenshot',
  'title',
  'score',
  'comment',
  'context',
  'message',
] as const;

/**
 * One submission. The fields depend on `type`: bug_report (description, steps, device, screenshot),
 * feature_request (title, description), nps_survey (score 0-10, comment, context), general (message). A field
 * the type does not take is refused, so a client's mistake is named rather than dropped.
 */
export const ZFeedbackCreateInput = z
  .object({
    type: ZFeedbackType,
    platform: ZFeedbackPlatform,
    description: text(DESCRIPTION_MAX).optional(),
    /** Reproduction steps, one per entry. */
    steps: z.array(text(500)).max(30).optional(),
    device: ZDeviceContext.optional(),
    screenshot: ZScreenshotRef.optional(),
    title: z.string().trim().min(3).max(200).optional(),
    score: z.number().int().min(0).max(10).optional(),
    comment: text(COMMENT_MAX).optional(),
    context: ZNpsContext.optional(),
    message: text(DESCRIPTION_MAX).optional(),
  })
  .superRefine((input, ctx) => {
    const rule = TYPE_FIELDS[input.type];
    for (const field of rule.required) {
      if (input[field as keyof typeof input] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Required for ${input.type}` });
      }
    }
    for (const field of TYPED_FIELDS) {
      if (input[field] !== undefined && !rule.allowed.includes(field)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Not taken by ${input.type}` });
      }
    }
  });
export type TFeedbackCreateInput = z.infer<typeof ZFeedbackCreateInput>;

/** One of the user's telemetry events as it was when the report came in (the events themselves expire). */
export const ZAttachedEvent = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  at: z.string(),
  platform: z.string(),
  appVersion: z.string(),
  message: z.string().nullable(),
});
export type TAttachedEvent = z.infer<typeof ZAttachedEvent>;

export const ZFeedbackReply = z.object({
  id: z.string(),
  message: z.string(),
  authorId: z.string(),
  at: z.string(),
});
export type TFeedbackReply = z.infer<typeof ZFeedbackReply>;

export const ZFeedback = z.object({
  id: z.string(),
  productId: z.string(),
  type: ZFeedbackType,
  platform: ZFeedbackPlatform,
  userId: z.string(),
  status: ZFeedbackStatus,
  /** The words shown in the inbox: the description, title, comment or message. */
  summary: z.string(),
  description: z.string().nullable(),
  steps: z.array(z.string()),
  device: ZDeviceContext.nullable(),
  screenshot: z.object({ container: z.literal('attachments'), key: z.string() }).nullable(),
  title: z.string().nullable(),
  score: z.number().int().nullable(),
  segment: ZNpsSegment.nullable(),
  comment: z.string().nullable(),
  context: z.record(z.string(), z.string()),
  message: z.string().nullable(),
  /** Bug reports: the user's last telemetry events, newest first, as the server found them on submission. */
  telemetry: z.array(ZAttachedEvent),
  trackerItemId: z.string().nullable(),
  /** Feature requests: whether the request opened a tracker item or voted for a matching one. */
  trackerAction: z.enum(['created', 'voted', 'converted']).nullable(),
  replies: z.array(ZFeedbackReply),
  dismissedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TFeedback = z.infer<typeof ZFeedback>;

export const ZFeedbackIdInput = z.object({ id: z.string().min(1).max(64) });

const ZDay = z.iso.datetime({ offset: true }).or(z.iso.date());

export const ZFeedbackListInput = z
  .object({
    type: ZFeedbackType.optional(),
    platform: ZFeedbackPlatform.optional(),
    status: ZFeedbackStatus.optional(),
    /** Submitted at or after (ISO date or instant). */
    from: ZDay.optional(),
    /** Submitted before (ISO date or instant; a date means its start). */
    to: ZDay.optional(),
    /** NPS answers whose score is at least / at most this; other types have no score and drop out. */
    scoreMin: z.number().int().min(0).max(10).optional(),
    scoreMax: z.number().int().min(0).max(10).optional(),
    userId: z.string().min(1).max(128).optional(),
    /** Only answers with a comment (NPS). */
    withComment: ZQueryBoolean.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.scoreMin !== undefined && input.scoreMax !== undefined && input.scoreMin > input.scoreMax) {
      ctx.addIssue({ code: 'custom', path: ['scoreMax'], message: 'At least scoreMin' });
    }
    if (input.from && input.to && Date.parse(input.from) >= Date.parse(input.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'After from' });
    }
  });
export type TFeedbackListInput = z.infer<typeof ZFeedbackListInput>;

export const ZFeedbackListOutput = z.object({ items: z.array(ZFeedback), nextCursor: z.string().nullable() });

export const ZFeedbackDetail = ZFeedback.extend({
  /** A signed download URL of the screenshot, valid for an hour; null without one. */
  screenshotUrl: z.string().nullable(),
});

export const ZFeedbackConvertInput = z.object({
  id: z.string().min(1).max(64),
  /** Default: bug for a bug report, feature for a feature request, task otherwise. */
  kind: z.enum(['bug', 'feature', 'task']).optional(),
  /** Default: the first line of the feedback, cut to 200 characters. */
  title: z.string().trim().min(3).max(200).optional(),
});
export type TFeedbackConvertInput = z.infer<typeof ZFeedbackConvertInput>;

export const ZFeedbackReplyInput = z.object({ id: z.string().min(1).max(64), message: text(REPLY_MAX) });
export type TFeedbackReplyInput = z.infer<typeof ZFeedbackReplyInput>;

export const ZFeedbackDismissInput = z.object({
  id: z.string().min(1).max(64),
  reason: text(500).optional(),
});
export type TFeedbackDismissInput = z.infer<typeof ZFeedbackDismissInput>;

export const NPS_WEEKS_MAX = 52;

export const ZNpsStatsInput = z.object({
  /** ISO weeks ending with the current one. */
  weeks: z.number().int().min(1).max(NPS_WEEKS_MAX).optional(),
  platform: ZFeedbackPlatform.optional(),
});
export type TNpsStatsInput = z.infer<typeof ZNpsStatsInput>;

const ZNpsSummary = z.object({
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** % promoters − % detractors, -100..100 rounded to one decimal; null without responses. */
  nps: z.number().nullable(),
});
export type TNpsSummary = z.infer<typeof ZNpsSummary>;

export const ZNpsComment = z.object({
  id: z.string(),
  score: z.number().int(),
  platform: ZFeedbackPlatform,
  comment: z.string(),
  createdAt: z.string(),
});

export const ZNpsStats = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per ISO week (`2026-W23`), oldest first, weeks without answers included. */
  weeks: z.array(ZNpsSummary.extend({ week: z.string(), start: z.string() })),
  total: ZNpsSummary,
  /** Answers per score 0..10 over the whole range. */
  histogram: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  byPlatform: z.array(ZNpsSummary.extend({ platform: ZFeedbackPlatform })),
  /** The latest comments of each segment in the range. */
  comments: z.object({
    promoter: z.array(ZNpsComment),
    passive: z.array(ZNpsComment),
    detractor: z.array(ZNpsComment),
  }),
});
export type TNpsStats = z.infer<typeof ZNpsStats>;
