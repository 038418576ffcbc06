import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import { ZIdInput } from '../users/schema';
import {
  ZClusterDetail,
  ZClusterIdInput,
  ZClusterList,
  ZClusterListInput,
  ZClusterUpdateInput,
  ZCollectionPolicy,
  ZEraseOutput,
  ZEraseUserInput,
  ZErrorCluster,
  ZEventList,
  ZEventListInput,
  ZIngestInput,
  ZIngestOutput,
  ZPolicyUpdateInput,
  ZTelemetryEvent,
} from './schema';

const tag = 'telemetry';

const eventsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/telemetry/events', { tag, summary: 'Client events, newest first, with filters' }))
    .input(ZEventListInput.optional())
    .output(ZEventList)
    .query(({ ctx, input }) => ctx.services.telemetry.events.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/telemetry/events/{id}', { tag, summary: 'One client event' }))
    .input(ZIdInput)
    .output(ZTelemetryEvent)
    .query(({ ctx, input }) => ctx.services.telemetry.events.get(ctx.productId, input.id)),
});

const clustersRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/telemetry/clusters', { tag, summary: 'Error clusters by last seen or by count' }))
    .input(ZClusterListInput.optional())
    .output(ZClusterList)
    .query(({ ctx, input }) => ctx.services.telemetry.clusters.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(
      rest('GET', '/telemetry/clusters/{id}', { tag, summary: 'One error cluster with its recent events' }),
    )
    .input(ZClusterIdInput)
    .output(ZClusterDetail)
    .query(({ ctx, input }) => ctx.services.telemetry.clusters.get(ctx.productId, input.id)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/telemetry/clusters/{id}', {
        tag,
        summary: 'Resolve, ignore or reopen an error cluster',
        description: 'A resolved cluster that occurs again reopens by itself and is flagged as a regression.',
        targetType: 'telemetry_cluster',
      }),
    )
    .input(ZClusterUpdateInput)
    .output(ZErrorCluster)
    .mutation(({ ctx, input }) =>
      ctx.services.telemetry.clusters.setStatus(ctx.productId, input.id, input.status, ctx.principal.userId),
    ),
});

const policyRouter = router({
  get: adminProcedure
    .meta(rest('GET', '/telemetry/policy', { tag, summary: "The product's collection policy" }))
    .input(z.object({}).optional())
    .output(ZCollectionPolicy)
    .query(({ ctx }) => ctx.services.telemetry.policies.get(ctx.productId)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/telemetry/policy', {
        tag,
        summary: 'Change the collection policy (switch, sample rates, denied names, batch size, retention)',
        description: 'A shorter retention reaches events already stored at the next telemetry-ttl-sweep.',
        targetType: 'telemetry_policy',
      }),
    )
    .input(ZPolicyUpdateInput)
    .output(ZCollectionPolicy)
    .mutation(({ ctx, input }) =>
      ctx.services.telemetry.policies.update(ctx.productId, input, ctx.principal.userId),
    ),
});

export const telemetryRouter = router({
  ingest: publicProcedure
    .meta(
      rest('POST', '/telemetry/ingest', {
        tag,
        summary: 'Send a batch of client events (1 to 500)',
        description:
          'Callable before sign-in; with a bearer, the signed-in user is attached to every event and any ' +
          "userId in the batch is ignored. Events are sampled by the product's collection policy: dropped " +
          'ones count as sampledOut. An event whose time lies outside the retention window is listed in ' +
          '`rejected` by its index.',
      }),
    )
    .input(ZIngestInput)
    .output(ZIngestOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.telemetry.ingest(ctx.productId, input.events, ctx.principal?.userId ?? null),
    ),
  events: eventsRouter,
  clusters: clustersRouter,
  policy: policyRouter,
  erase: adminProcedure
    .meta(
      rest('POST', '/telemetry/users/{userId}/erase', {
        tag,
        summary: "Delete all of one user's telemetry events and scrub them from error clusters (GDPR)",
        targetType: 'user',
      }),
    )
    .input(ZEraseUserInput)
    .output(ZEraseOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.telemetry.events.eraseUser(ctx.productId, input.userId, ctx.principal.userId),
    ),
  eraseMine: authedProcedure
    .meta(rest('POST', '/telemetry/me/erase', { tag, summary: "Delete the caller's own telemetry events" }))
    .input(z.object({}).optional())
    .output(ZEraseOutput)
    .mutation(({ ctx }) =>
      ctx.services.telemetry.events.eraseUser(ctx.productId, ctx.principal.userId, ctx.principal.userId),
    ),
});
