import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router, superAdminProcedure } from '../../trpc';
import {
  ZJobInfo,
  ZJobListOutput,
  ZJobNameInput,
  ZJobRun,
  ZJobRunIdInput,
  ZJobRunsInput,
  ZJobRunsOutput,
} from './schema';

const tag = 'jobs';
const targetType = 'job';
const platformWide = 'Jobs are platform-wide, so changing one needs super_admin.';

/** `runs` and `getRun` come before `get`: the REST face matches paths in this order and /jobs/runs is not a job. */
export const jobsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/jobs', { tag, summary: 'Registered jobs with their schedule, state and last run' }))
    .input(z.object({}).optional())
    .output(ZJobListOutput)
    .query(({ ctx }) => ctx.services.jobs.list(ctx.productId)),
  listRuns: adminProcedure
    .meta(rest('GET', '/jobs/runs', { tag, summary: 'Job run history, newest first, with filters' }))
    .input(ZJobRunsInput.optional())
    .output(ZJobRunsOutput)
    .query(({ ctx, input }) => ctx.services.jobs.runs(ctx.productId, input ?? {})),
  getRun: adminProcedure
    .meta(rest('GET', '/jobs/runs/{id}', { tag, summary: 'One job run with its log' }))
    .input(ZJobRunIdInput)
    .output(ZJobRun)
    .query(({ ctx, input }) => ctx.services.jobs.getRun(ctx.productId, input.id)),
  get: adminProcedure
    .meta(rest('GET', '/jobs/{name}', { tag, summary: 'One job with its next runs and last run' }))
    .input(ZJobNameInput)
    .output(ZJobInfo)
    .query(({ ctx, input }) => ctx.services.jobs.get(ctx.productId, input.name)),
  trigger: superAdminProcedure
    .meta(
      rest('POST', '/jobs/{name}/trigger', {
        tag,
        summary: 'Run a job now',
        description: `Returns the run while it is in progress; 409 when a run of the job is in progress. ${platformWide}`,
        targetType,
      }),
    )
    .input(ZJobNameInput)
    .output(ZJobRun)
    .mutation(({ ctx, input }) =>
      ctx.services.jobs.trigger(ctx.productId, input.name, {
        id: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),
  pause: superAdminProcedure
    .meta(
      rest('POST', '/jobs/{name}/pause', {
        tag,
        summary: 'Pause a job: its slots pass without runs until it is resumed',
        description: platformWide,
        targetType,
      }),
    )
    .input(ZJobNameInput)
    .output(ZJobInfo)
    .mutation(({ ctx, input }) => ctx.services.jobs.pause(ctx.productId, input.name)),
  resume: superAdminProcedure
    .meta(
      rest('POST', '/jobs/{name}/resume', {
        tag,
        summary: 'Resume a paused job; the paused period is not replayed',
        description: platformWide,
        targetType,
      }),
    )
    .input(ZJobNameInput)
    .output(ZJobInfo)
    .mutation(({ ctx, input }) => ctx.services.jobs.resume(ctx.productId, input.name)),
});
