import { z } from 'zod';
import { AppError } from '../../app-error';
import type { Context, Principal } from '../../context';
import { rest } from '../../lib/openapi';
import { ZQueryBoolean } from '../../lib/query-boolean';
import { adminProcedure, router } from '../../trpc';
import { eventRecoveryProcedures } from '../event-timeline/router';
import { ZTimelineOutput } from '../event-timeline/schema';
import {
  ZCatalogueOutput,
  ZDeadLetterListInput,
  ZDeadLetterListOutput,
  ZEventDetail,
  ZEventListInput,
  ZEventListOutput,
  ZEventRef,
  ZEventStatsOutput,
  ZReplayInput,
  ZReplayMatchingInput,
  ZReplayMatchingOutput,
  ZReplayOutput,
  ZSubscribersOutput,
} from './schema';
import type { EventScope } from './service';

const ZScopeInput = z.object({
  productId: z.string().optional(),
  allProducts: ZQueryBoolean.optional(),
});

/** The current product unless a super_admin names another product, `*` (platform events) or all products. */
const scopeOf = (
  ctx: Pick<Context, 'productId'> & { principal: Principal },
  input: z.infer<typeof ZScopeInput> | undefined,
): EventScope => {
  const elsewhere = input?.allProducts || (input?.productId && input.productId !== ctx.productId);
  if (elsewhere && !ctx.principal.roles.includes('super_admin')) {
    throw new AppError('FORBIDDEN', "Only a super_admin may see other products' events", {
      fields: [{ path: input?.allProducts ? 'allProducts' : 'productId', message: 'super_admin only' }],
    });
  }
  if (input?.allProducts) return { productId: undefined };
  return { productId: input?.productId ?? ctx.productId };
};

const productOf = (ctx: Parameters<typeof scopeOf>[0], input: { productId?: string | undefined }) =>
  scopeOf(ctx, { ...(input.productId ? { productId: input.productId } : {}) }).productId ?? ctx.productId;

const tag = 'events';

export const eventsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/events', { tag, summary: 'Recent events, newest first, with delivery counts' }))
    .input(ZEventListInput.optional())
    .output(ZEventListOutput)
    .query(({ ctx, input }) => ctx.services.events.list(scopeOf(ctx, input), input ?? {})),

  listDeadLetters: adminProcedure
    .meta(rest('GET', '/events/dead-letters', { tag, summary: 'Deliveries that exhausted their retries' }))
    .input(ZDeadLetterListInput.optional())
    .output(ZDeadLetterListOutput)
    .query(({ ctx, input }) => ctx.services.events.deadLetters(scopeOf(ctx, input), input ?? {})),

  replayDeadLetters: adminProcedure
    .meta(
      rest('POST', '/events/dead-letters/replay', {
        tag,
        summary: 'Replays every dead letter that matches the filter (up to 1,000 events per call)',
        targetType: 'event',
      }),
    )
    .input(ZReplayMatchingInput)
    .output(ZReplayMatchingOutput)
    .mutation(({ ctx, input }) => ctx.services.events.replayMatching(scopeOf(ctx, input), input)),

  getCatalogue: adminProcedure
    .meta(
      rest('GET', '/events/catalogue', {
        tag,
        summary: 'Every event type with its version, JSON Schema, example payload and subscribers',
      }),
    )
    .input(z.object({}).optional())
    .output(ZCatalogueOutput)
    .query(({ ctx }) => ctx.services.events.catalogue()),

  listSubscribers: adminProcedure
    .meta(rest('GET', '/events/subscribers', { tag, summary: 'The subscribers registered on the bus' }))
    .input(z.object({}).optional())
    .output(ZSubscribersOutput)
    .query(({ ctx }) => ctx.services.events.subscribers()),

  stats: adminProcedure
    .meta(
      rest('GET', '/events/stats', { tag, summary: 'Pending and dead-lettered events, and the last 24 h' }),
    )
    .input(ZScopeInput.optional())
    .output(ZEventStatsOutput)
    .query(({ ctx, input }) => ctx.services.events.stats(scopeOf(ctx, input))),

  ...eventRecoveryProcedures,

  // Those with an {id} come after the literal paths beside them, which REST would otherwise route to them.
  get: adminProcedure
    .meta(rest('GET', '/events/{id}', { tag, summary: "One event with each subscriber's delivery state" }))
    .input(ZEventRef)
    .output(ZEventDetail)
    .query(({ ctx, input }) => ctx.services.events.get(productOf(ctx, input), input.id)),

  getTimeline: adminProcedure
    .meta(
      rest('GET', '/events/{id}/timeline', {
        tag,
        summary:
          'Everything the event caused, oldest first: subscriber deliveries, webhook messages and attempts, mails and pushes, its audit entry, job runs',
      }),
    )
    .input(ZEventRef)
    .output(ZTimelineOutput)
    .query(({ ctx, input }) => ctx.services.eventTimeline.timeline(productOf(ctx, input), input.id)),

  replay: adminProcedure
    .meta(
      rest('POST', '/events/{id}/replay', {
        tag,
        summary: "Replays an event's dead deliveries (or one subscriber's)",
        targetType: 'event',
      }),
    )
    .input(ZReplayInput)
    .output(ZReplayOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.events.replay(productOf(ctx, input), input.id, input.subscriber),
    ),
});
