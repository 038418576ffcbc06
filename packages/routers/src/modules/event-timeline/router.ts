import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure } from '../../trpc';
import {
  ZEventRecovery,
  ZEventRecoveryInput,
  ZEventRecoveryList,
  ZRecoverInput,
  ZRecoveryPreview,
} from './schema';

const tag = 'events';

/**
 * Recovery across channels, served under the events router (`events.recover`, ...): spread there before the
 * procedures whose REST path has an `{id}` after `/events/`, which would otherwise take these paths.
 */
export const eventRecoveryProcedures = {
  previewRecovery: adminProcedure
    .meta(
      rest('POST', '/events/recover/preview', {
        changesNothing: true,
        tag,
        summary:
          'Counts what "recover since T" would replay: failed webhook messages, failed or held notifications, skipped job slots',
        targetType: 'event_recovery',
      }),
    )
    .input(ZRecoverInput)
    .output(ZRecoveryPreview)
    .mutation(({ ctx, input }) => ctx.services.eventTimeline.recovery.preview(ctx.productId, input.since)),

  recover: adminProcedure
    .meta(
      rest('POST', '/events/recover', {
        tag,
        summary:
          "Replays, for this product since T, every channel's failures: webhook messages, notifications and job slots",
        description: 'Runs in the background; follow it with GET /v1/events/recoveries/{id}.',
        targetType: 'event_recovery',
      }),
    )
    .input(ZRecoverInput)
    .output(ZEventRecovery)
    .mutation(({ ctx, input }) =>
      ctx.services.eventTimeline.recovery.start(ctx.productId, input, {
        id: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),

  listRecoveries: adminProcedure
    .meta(
      rest('GET', '/events/recoveries', { tag, summary: "This product's latest cross-channel recoveries" }),
    )
    .input(z.object({}).optional())
    .output(ZEventRecoveryList)
    .query(({ ctx }) => ctx.services.eventTimeline.recovery.list(ctx.productId)),

  getRecovery: adminProcedure
    .meta(rest('GET', '/events/recoveries/{id}', { tag, summary: "A cross-channel recovery's progress" }))
    .input(ZEventRecoveryInput)
    .output(ZEventRecovery)
    .query(({ ctx, input }) => ctx.services.eventTimeline.recovery.get(ctx.productId, input.id)),
};
