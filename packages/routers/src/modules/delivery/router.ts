import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZAnnouncementInput,
  ZDeliveryDetail,
  ZDeliveryIdInput,
  ZDeliveryListInput,
  ZDeliveryPage,
  ZDeliverySendResult,
  ZDeliveryStats,
  ZDeliveryStatsInput,
  ZSegment,
  ZSegmentPreview,
  ZSendTestInput,
  ZSuppressionEmailInput,
  ZSuppressionListInput,
  ZSuppressionPage,
  ZTemplateInfo,
  ZTemplatePreview,
  ZTemplatePreviewInput,
} from './schema';

const tag = 'delivery';
const targetType = 'delivery';

export const deliveryRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/delivery/log', { tag, summary: 'The delivery log, newest first, with filters' }))
    .input(ZDeliveryListInput.optional())
    .output(ZDeliveryPage)
    .query(({ ctx, input }) => ctx.services.delivery.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(
      rest('GET', '/delivery/log/{id}', {
        tag,
        summary: 'One message: its timeline, body and provider answer',
      }),
    )
    .input(ZDeliveryIdInput)
    .output(ZDeliveryDetail)
    .query(({ ctx, input }) => ctx.services.delivery.get(ctx.productId, input.id)),
  getStats: adminProcedure
    .meta(
      rest('GET', '/delivery/stats', { tag, summary: 'Sent, delivered, bounced, opened and failed per day' }),
    )
    .input(ZDeliveryStatsInput.optional())
    .output(ZDeliveryStats)
    .query(({ ctx, input }) => ctx.services.delivery.stats(ctx.productId, input?.days ?? 14)),
  listTemplates: adminProcedure
    .meta(rest('GET', '/delivery/templates', { tag, summary: 'The email templates' }))
    .input(z.object({}).optional())
    .output(z.object({ items: z.array(ZTemplateInfo) }))
    .query(({ ctx }) => ({ items: ctx.services.delivery.templates() })),
  previewTemplate: adminProcedure
    .meta(
      rest('POST', '/delivery/templates/preview', {
        changesNothing: true,
        tag,
        summary:
          "Render a template as the product's mail, with size, link, alt-text and client-support checks",
      }),
    )
    .input(ZTemplatePreviewInput)
    .output(ZTemplatePreview)
    .mutation(({ ctx, input }) => ctx.services.delivery.preview(ctx.productId, input.template, input.props)),
  sendTest: adminProcedure
    .meta({
      ...rest('POST', '/delivery/templates/send-test', {
        tag,
        summary: 'Send a template to any address through the real driver, marked as a test in the log',
      }),
      audit: { targetType },
    })
    .input(ZSendTestInput)
    .output(ZDeliverySendResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.sendTest(ctx.productId, input, ctx.principal.userId)),
  listSuppressions: adminProcedure
    .meta(
      rest('GET', '/delivery/suppressions', { tag, summary: 'Addresses that get no non-transactional mail' }),
    )
    .input(ZSuppressionListInput.optional())
    .output(ZSuppressionPage)
    .query(({ ctx, input }) =>
      ctx.services.delivery.suppressions(ctx.productId, input?.limit ?? 50, input?.cursor),
    ),
  removeSuppression: adminProcedure
    .meta(
      rest('DELETE', '/delivery/suppressions/{email}', {
        tag,
        summary: 'Let an address receive mail again',
        targetType: 'suppression',
      }),
    )
    .input(ZSuppressionEmailInput)
    .output(z.object({ deleted: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.delivery.removeSuppression(ctx.productId, input.email)),
  previewSegment: adminProcedure
    .meta(
      rest('POST', '/delivery/announcements/preview', {
        changesNothing: true,
        tag,
        summary: 'How many users and devices a feature announcement to this segment would reach',
      }),
    )
    .input(z.object({ segment: ZSegment }))
    .output(ZSegmentPreview)
    .mutation(({ ctx, input }) => ctx.services.delivery.previewSegment(ctx.productId, input.segment)),
  sendAnnouncement: adminProcedure
    .meta(
      rest('POST', '/delivery/announcements', {
        tag,
        summary:
          'Push a feature announcement to every device of a segment (preferences, caps and quiet hours apply)',
        targetType: 'announcement',
      }),
    )
    .input(ZAnnouncementInput)
    .output(z.object({ users: z.number().int(), devices: z.number().int(), queued: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.services.delivery.sendAnnouncement(ctx.productId, input, ctx.principal.userId),
    ),
});
