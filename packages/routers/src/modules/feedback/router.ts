import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import { ZTrackerItem } from '../tracker/items/schema';
import {
  ZFeedback,
  ZFeedbackConvertInput,
  ZFeedbackCreateInput,
  ZFeedbackDetail,
  ZFeedbackDismissInput,
  ZFeedbackIdInput,
  ZFeedbackListInput,
  ZFeedbackListOutput,
  ZFeedbackReplyInput,
  ZNpsStats,
  ZNpsStatsInput,
} from './schema';

const tag = 'feedback';
const targetType = 'feedback';

export const feedbackRouter = router({
  create: authedProcedure
    .meta(
      rest('POST', '/feedback', {
        tag,
        summary: 'Send feedback from the app: a bug report, a feature request, an NPS answer or a note',
        description:
          'bug_report: description, steps, device {model, os, appVersion, screen} and optionally a screenshot ' +
          '(upload it first with POST /v1/blob/upload-url to the attachments container, then pass its key); the ' +
          "server attaches the user's last 10 telemetry events. feature_request: title and description; it " +
          'votes for the open feature item whose title matches (same words after normalising, Dice ≥ 0.8) or ' +
          'opens one. nps_survey: score 0-10, comment, context. general: message.',
      }),
    )
    .input(ZFeedbackCreateInput)
    .output(ZFeedback)
    .mutation(({ ctx, input }) => ctx.services.feedback.create(ctx.productId, ctx.principal.userId, input)),
  list: adminProcedure
    .meta(
      rest('GET', '/feedback', {
        tag,
        summary: 'The feedback inbox, newest first, by type, platform, status, date range or NPS score range',
      }),
    )
    .input(ZFeedbackListInput.optional())
    .output(ZFeedbackListOutput)
    .query(({ ctx, input }) => ctx.services.feedback.list(ctx.productId, input ?? {})),
  stats: adminProcedure
    .meta(
      rest('GET', '/feedback/nps', {
        tag,
        summary: 'NPS per ISO week, the 0-10 distribution, per platform, and the latest comments per segment',
        description:
          'NPS = % promoters (9-10) − % detractors (0-6). Read from weekly rollups: at most one document per week.',
      }),
    )
    .input(ZNpsStatsInput.optional())
    .output(ZNpsStats)
    .query(({ ctx, input }) => ctx.services.feedback.nps(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(
      rest('GET', '/feedback/{id}', { tag, summary: 'One feedback entry, with a link to its screenshot' }),
    )
    .input(ZFeedbackIdInput)
    .output(ZFeedbackDetail)
    .query(({ ctx, input }) => ctx.services.feedback.get(ctx.productId, input.id, ctx.principal)),
  convert: adminProcedure
    .meta(
      rest('POST', '/feedback/{id}/convert', {
        tag,
        summary: 'Open a tracker item from feedback (authored by the user who sent it)',
        targetType,
      }),
    )
    .input(ZFeedbackConvertInput)
    .output(z.object({ feedback: ZFeedback, item: ZTrackerItem }))
    .mutation(({ ctx, input }) => ctx.services.feedback.convert(ctx.productId, input, ctx.principal.userId)),
  reply: adminProcedure
    .meta(
      rest('POST', '/feedback/{id}/reply', {
        tag,
        summary: 'Answer feedback: the reply is kept with it and mailed to the user',
        targetType,
      }),
    )
    .input(ZFeedbackReplyInput)
    .output(ZFeedback)
    .mutation(({ ctx, input }) => ctx.services.feedback.reply(ctx.productId, input, ctx.principal.userId)),
  dismiss: adminProcedure
    .meta(rest('POST', '/feedback/{id}/dismiss', { tag, summary: 'Set feedback aside', targetType }))
    .input(ZFeedbackDismissInput)
    .output(ZFeedback)
    .mutation(({ ctx, input }) => ctx.services.feedback.dismiss(ctx.productId, input, ctx.principal.userId)),
});
