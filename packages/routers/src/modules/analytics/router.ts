import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZActiveUsersInput,
  ZAdoptionInput,
  ZCsvInput,
  ZCsvOutput,
  ZDefinitions,
  ZFunnelIdInput,
  ZFunnelInput,
  ZRecompute,
  ZRecomputeInput,
  ZRecomputeState,
  ZRetentionInput,
  ZRevenueInput,
  ZSetActivityInput,
  ZSetFeaturesInput,
  ZSetFunnelInput,
} from './schema';
import {
  ZActiveUsersOutput,
  ZAdoptionOutput,
  ZFunnelOutput,
  ZRetentionOutput,
  ZRevenueOutput,
} from './schema-views';

const tag = 'analytics';
const targetType = 'analytics_definitions';
const views =
  'Reads rollups only, never raw events; `rolledUpAt` is the oldest rollup time among those read. Days are UTC.';

export const analyticsRouter = router({
  getActiveUsers: adminProcedure
    .meta(
      rest('GET', '/analytics/active-users', {
        tag,
        summary: 'DAU, WAU, MAU and stickiness, by platform or plan',
        description:
          `${views} granularity=day: rolling windows (WAU: the 7 days ending on the day, MAU: 30); week or month: ` +
          'distinct users of each calendar week (Monday to Sunday) or month, labelled `calendar_week` / `calendar_month`.',
      }),
    )
    .input(ZActiveUsersInput)
    .output(ZActiveUsersOutput)
    .query(({ ctx, input }) => ctx.services.analytics.activeUsers(ctx.productId, input)),
  getRetention: adminProcedure
    .meta(
      rest('GET', '/analytics/retention', {
        tag,
        summary: 'Retention cohorts by sign-up or activity, day or week, with the D1/D7/D14/D30 summary',
        description:
          `${views} start=signup cohorts users by sign-up; start=active by activity, first_time (first active day) ` +
          'or recurring (every active day). `on[N]`: active on day/week N exactly; `onOrAfter[N]`: then or later.',
      }),
    )
    .input(ZRetentionInput)
    .output(ZRetentionOutput)
    .query(({ ctx, input }) => ctx.services.analytics.retention(ctx.productId, input)),
  getFunnel: adminProcedure
    .meta(
      rest('GET', '/analytics/funnel', {
        tag,
        summary: "A funnel's steps: conversion, drop-off and median time to convert, over the entry days",
        description: `${views} \`stale\` says some days were rolled up with an earlier version of the funnel.`,
      }),
    )
    .input(ZFunnelInput)
    .output(ZFunnelOutput)
    .query(({ ctx, input }) => ctx.services.analytics.funnel(ctx.productId, input)),
  getAdoption: adminProcedure
    .meta(
      rest('GET', '/analytics/adoption', {
        tag,
        summary: 'Share of active users who used each feature, per day, calendar week or month',
        description: views,
      }),
    )
    .input(ZAdoptionInput)
    .output(ZAdoptionOutput)
    .query(({ ctx, input }) => ctx.services.analytics.adoption(ctx.productId, input)),
  getRevenue: adminProcedure
    .meta(
      rest('GET', '/analytics/revenue', {
        tag,
        summary: 'MRR, its movements, churn, ARPU and LTV, by plan',
        description: `${views} Amounts are in the currency's minor unit; \`definitions\` states each figure.`,
      }),
    )
    .input(ZRevenueInput)
    .output(ZRevenueOutput)
    .query(({ ctx, input }) => ctx.services.analytics.revenue(ctx.productId, input)),
  getCsv: adminProcedure
    .meta(rest('GET', '/analytics/csv', { tag, summary: "One view's data as CSV", description: views }))
    .input(ZCsvInput)
    .output(ZCsvOutput)
    .query(({ ctx, input }) => ctx.services.analytics.csv(ctx.productId, input)),
  getDefinitions: adminProcedure
    .meta(
      rest('GET', '/analytics/definitions', {
        tag,
        summary: 'What counts as active, the features and the funnels the product measures',
      }),
    )
    .input(z.object({}).optional())
    .output(ZDefinitions)
    .query(({ ctx }) => ctx.services.analytics.definitions.view(ctx.productId)),
  setActivity: adminProcedure
    .meta(
      rest('PUT', '/analytics/definitions/activity', {
        tag,
        summary: 'Set which events make a user active, and how many late days each run re-rolls',
        description: 'Applies to days rolled up from now on; recompute a range to apply it to the past.',
        targetType,
      }),
    )
    .input(ZSetActivityInput)
    .output(ZDefinitions)
    .mutation(({ ctx, input }) =>
      ctx.services.analytics.definitions.setActivity(ctx.productId, input, ctx.principal.userId),
    ),
  setFeatures: adminProcedure
    .meta(
      rest('PUT', '/analytics/definitions/features', {
        tag,
        summary: 'Replace the feature list (a feature is a named list of events)',
        description: 'Applies to days rolled up from now on; recompute a range to apply it to the past.',
        targetType,
      }),
    )
    .input(ZSetFeaturesInput)
    .output(ZDefinitions)
    .mutation(({ ctx, input }) =>
      ctx.services.analytics.definitions.setFeatures(ctx.productId, input.features, ctx.principal.userId),
    ),
  setFunnel: adminProcedure
    .meta(
      rest('PUT', '/analytics/funnels/{id}', {
        tag,
        summary: 'Create or replace a funnel: its steps, order and conversion window',
        description: 'Rollups of the previous version are reported as stale until the range is recomputed.',
        targetType,
      }),
    )
    .input(ZSetFunnelInput)
    .output(ZDefinitions)
    .mutation(({ ctx, input }) =>
      ctx.services.analytics.definitions.setFunnel(ctx.productId, input, ctx.principal.userId),
    ),
  deleteFunnel: adminProcedure
    .meta(rest('DELETE', '/analytics/funnels/{id}', { tag, summary: 'Delete a funnel', targetType }))
    .input(ZFunnelIdInput)
    .output(ZDefinitions)
    .mutation(({ ctx, input }) =>
      ctx.services.analytics.definitions.deleteFunnel(ctx.productId, input.id, ctx.principal.userId),
    ),
  triggerRecompute: adminProcedure
    .meta(
      rest('POST', '/analytics/recompute', {
        tag,
        summary: 'Rebuild the rollups of a range of days from the raw data, in the background',
        description:
          'Answers at once with the queued recompute; GET /v1/analytics/recompute shows its progress. 409 while ' +
          "one of this product's recomputes is queued or running. Raw events older than telemetry retention are gone.",
        targetType: 'analytics_recompute',
        successStatus: 202,
      }),
    )
    .input(ZRecomputeInput)
    .output(ZRecompute)
    .mutation(({ ctx, input }) =>
      ctx.services.analytics.recompute.request(ctx.productId, input, {
        id: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),
  getRecompute: adminProcedure
    .meta(rest('GET', '/analytics/recompute', { tag, summary: 'The latest recompute and its progress' }))
    .input(z.object({}).optional())
    .output(ZRecomputeState)
    .query(async ({ ctx }) => ({ recompute: await ctx.services.analytics.recompute.get(ctx.productId) })),
});
