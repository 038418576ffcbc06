import { z } from 'zod';
import { AppError } from '../../app-error';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { ZAssignInput, ZAssignOutput } from './assign-schema';
import {
  ZMetricCreateInput,
  ZMetricDefinition,
  ZMetricKeyInput,
  ZMetricListOutput,
  ZMetricUpdateInput,
} from './metrics-schema';
import { ZResultsInput, ZResultsOutput } from './results-schema';
import {
  ZConcludeInput,
  ZExperiment,
  ZExperimentCreateInput,
  ZExperimentIdInput,
  ZExperimentListInput,
  ZExperimentListOutput,
  ZExperimentUpdateInput,
} from './schema';

const tag = 'experiments';
const targetType = 'experiment';

const metricsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/experiments/metrics', { tag, summary: "List the product's experiment metrics" }))
    .input(z.object({}).optional())
    .output(ZMetricListOutput)
    .query(({ ctx }) => ctx.services.experiments.metrics.list(ctx.productId)),
  get: adminProcedure
    .meta(rest('GET', '/experiments/metrics/{key}', { tag, summary: 'Get a metric definition' }))
    .input(ZMetricKeyInput)
    .output(ZMetricDefinition)
    .query(({ ctx, input }) => ctx.services.experiments.metrics.get(ctx.productId, input.key)),
  create: adminProcedure
    .meta(
      rest('POST', '/experiments/metrics', {
        tag,
        summary: 'Define a metric over telemetry events or usage records',
        description:
          'conversion: the unit did the event within `windowHours` of its first exposure (0 or 1); count: how ' +
          'many times; sum: the total of a numeric prop (usage: of the recorded quantities); ratio: sum of the ' +
          'numerator / sum of the denominator per variant. `direction` says whether higher or lower is better.',
        targetType: 'experiment_metric',
      }),
    )
    .input(ZMetricCreateInput)
    .output(ZMetricDefinition)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.metrics.create(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/experiments/metrics/{key}', {
        tag,
        summary: 'Change a metric definition',
        targetType: 'experiment_metric',
      }),
    )
    .input(ZMetricUpdateInput)
    .output(ZMetricDefinition)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.metrics.update(ctx.productId, input, ctx.principal.userId),
    ),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/experiments/metrics/{key}', {
        tag,
        summary: 'Delete a metric no experiment uses',
        targetType: 'experiment_metric',
      }),
    )
    .input(ZMetricKeyInput)
    .output(ZMetricDefinition)
    .mutation(({ ctx, input }) => ctx.services.experiments.metrics.delete(ctx.productId, input.key)),
});

export const experimentsRouter = router({
  // Declared before `get` so REST matches /experiments/metrics before /experiments/{id}.
  metrics: metricsRouter,
  assign: publicProcedure
    .meta(
      rest('POST', '/experiments/assignments', {
        tag,
        summary: "A unit's variant in every running experiment it is targeted by; records exposures",
        description:
          'GrowthBook-compatible: fnv32a hashing (v1 or v2) of the hash attribute with the seed, bucket ranges ' +
          'from weights and coverage, namespaces, forced variants for QA users. The first assignment of a unit ' +
          'is kept (sticky) and its exposure recorded once, with its time. A signed-in user is assigned as ' +
          'themself; API tokens may name `userId`; anonymous callers send `deviceId`, whose assignments merge ' +
          'into the user on sign-in.',
      }),
    )
    .input(ZAssignInput)
    .output(ZAssignOutput)
    .mutation(({ ctx, input }) => {
      const p = ctx.principal;
      if (!p && input.userId) {
        throw new AppError('VALIDATION', 'Anonymous callers are assigned by deviceId', {
          fields: [{ path: 'userId', message: 'Sign in (or use an API token) to be assigned as a user' }],
        });
      }
      const userId = p?.kind === 'user' ? p.userId : (input.userId ?? null);
      return ctx.services.experiments.assign(ctx.productId, { ...input, userId });
    }),
  list: adminProcedure
    .meta(rest('GET', '/experiments', { tag, summary: "List the product's experiments (by status, paged)" }))
    .input(ZExperimentListInput.optional())
    .output(ZExperimentListOutput)
    .query(({ ctx, input }) => ctx.services.experiments.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/experiments/{id}', { tag, summary: 'Get an experiment' }))
    .input(ZExperimentIdInput)
    .output(ZExperiment)
    .query(({ ctx, input }) => ctx.services.experiments.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/experiments', {
        tag,
        summary: 'Create a draft experiment',
        description:
          'Variant weights are percentages summing to 100; the key is the id and, unless `seed` is given, the ' +
          'hashing seed. hashVersion defaults to 2, coverage to 1, hashAttribute to userId.',
        targetType,
      }),
    )
    .input(ZExperimentCreateInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.create(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/experiments/{id}', {
        tag,
        summary: "Change an experiment's definition",
        description:
          'Omitted fields keep their value. Once started, the hashing (seed, hash attributes, hash version, ' +
          'namespace) and the variant ids are fixed; weights, coverage, targeting and metrics may change, and ' +
          'units already assigned keep their variant.',
        targetType,
      }),
    )
    .input(ZExperimentUpdateInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.update(ctx.productId, input, ctx.principal.userId),
    ),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/experiments/{id}', {
        tag,
        summary: 'Delete an experiment that is not running, with its exposures',
        targetType,
      }),
    )
    .input(ZExperimentIdInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.delete(ctx.productId, input.id, ctx.principal.userId),
    ),
  start: adminProcedure
    .meta(
      rest('POST', '/experiments/{id}/start', {
        tag,
        summary: 'Start (or resume) an experiment',
        targetType,
      }),
    )
    .input(ZExperimentIdInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.start(ctx.productId, input.id, ctx.principal.userId),
    ),
  pause: adminProcedure
    .meta(rest('POST', '/experiments/{id}/pause', { tag, summary: 'Pause a running experiment', targetType }))
    .input(ZExperimentIdInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.pause(ctx.productId, input.id, ctx.principal.userId),
    ),
  conclude: adminProcedure
    .meta(
      rest('POST', '/experiments/{id}/conclude', {
        tag,
        summary: 'Conclude with a winner (or stop without one) and a reason',
        description:
          'Computes the results first. A sample ratio mismatch (p < 0.001) refuses the conclusion (409, reason ' +
          '`sample_ratio_mismatch`) unless `srmOverrideReason` is given. A flag-backed experiment rolls its flag ' +
          'to 100 % for a treatment winner, or turns it off for control.',
        targetType,
      }),
    )
    .input(ZConcludeInput)
    .output(ZExperiment)
    .mutation(({ ctx, input }) =>
      ctx.services.experiments.conclude(ctx.productId, input, ctx.principal.userId),
    ),
  getResults: adminProcedure
    .meta(
      rest('GET', '/experiments/{id}/results', {
        tag,
        summary: "An experiment's results: units, SRM, and per metric frequentist and Bayesian lifts",
        description:
          'The last stored computation (the hourly job or an earlier request), with its time and data window; ' +
          '`refresh=true` computes now. History lists earlier computations for the lift over time.',
      }),
    )
    .input(ZResultsInput)
    .output(ZResultsOutput)
    .query(({ ctx, input }) =>
      ctx.services.experiments.results.get(ctx.productId, input.id, input.refresh ?? false),
    ),
});
