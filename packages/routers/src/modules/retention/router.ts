import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router, superAdminProcedure } from '../../trpc';
import {
  ZHold,
  ZHoldCreateInput,
  ZHoldIdInput,
  ZHoldList,
  ZHoldListInput,
  ZPolicyList,
  ZPreview,
  ZRun,
  ZRunIdInput,
  ZRunList,
  ZRunListInput,
  ZSetPolicyInput,
  ZTriggerOutput,
} from './schema';

const tag = 'retention';
const actor = (principal: { userId: string; email: string }) => ({
  id: principal.userId,
  email: principal.email,
});

export const retentionRouter = router({
  listPolicies: adminProcedure
    .meta(
      rest('GET', '/retention/policies', {
        tag,
        summary: "The product's retention policy per container, with the cleanup's schedule and last run",
        description:
          'Each policy: days kept (default, min, max), the TTL documents are written with, `mode` (`ttl`: the TTL ' +
          'already removes them at that age; `sweep`: the daily cleanup deletes them in batches), the field age is ' +
          'read from and the fields naming the user (for legal holds).',
      }),
    )
    .input(z.object({}).optional())
    .output(ZPolicyList)
    .query(({ ctx }) => ctx.services.retention.listPolicies(ctx.productId)),
  setPolicy: superAdminProcedure
    .meta(
      rest('PUT', '/retention/policies/{container}', {
        tag,
        summary: 'Set how many days a container keeps documents in this product (super_admin)',
        description:
          'Out of the container’s bounds is a 400 naming `days`. Applied by the next cleanup run; recorded with ' +
          '`retention.policy_updated` and in the audit log.',
        targetType: 'retention_policy',
      }),
    )
    .input(ZSetPolicyInput)
    .output(ZPolicyList)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.retention.setPolicy(ctx.productId, input, ctx.principal.userId);
      return ctx.services.retention.listPolicies(ctx.productId);
    }),
  preview: adminProcedure
    .meta(
      rest('POST', '/retention/preview', {
        changesNothing: true,
        tag,
        summary: 'How many documents each policy would remove now, and how many a legal hold keeps',
        description: 'Counts only; nothing is removed.',
      }),
    )
    .input(z.object({}).optional())
    .output(ZPreview)
    .mutation(({ ctx }) => ctx.services.retention.preview(ctx.productId)),
  trigger: superAdminProcedure
    .meta(
      rest('POST', '/retention/run', {
        tag,
        summary: 'Run the retention cleanup now (super_admin)',
        description:
          'Starts the `retention-cleanup` job, which applies every product’s policies; follow it with ' +
          'GET /v1/retention/runs. 409 while a run is going on.',
        targetType: 'retention_run',
        successStatus: 202,
      }),
    )
    .input(z.object({}).optional())
    .output(ZTriggerOutput)
    .mutation(({ ctx }) => ctx.services.retention.trigger(actor(ctx.principal))),
  listRuns: adminProcedure
    .meta(
      rest('GET', '/retention/runs', {
        tag,
        summary: 'Cleanup runs, newest first, with progress and what each removed per container',
      }),
    )
    .input(ZRunListInput)
    .output(ZRunList)
    .query(({ ctx, input }) => ctx.services.retention.listRuns(ctx.productId, input ?? {})),
  getRun: adminProcedure
    .meta(rest('GET', '/retention/runs/{id}', { tag, summary: 'One cleanup run with its progress' }))
    .input(ZRunIdInput)
    .output(ZRun)
    .query(({ ctx, input }) => ctx.services.retention.getRun(ctx.productId, input.id)),
  listHolds: adminProcedure
    .meta(rest('GET', '/retention/holds', { tag, summary: 'Legal holds, newest first, active and released' }))
    .input(ZHoldListInput)
    .output(ZHoldList)
    .query(({ ctx, input }) => ctx.services.retention.listHolds(ctx.productId, input ?? {})),
  createHold: adminProcedure
    .meta(
      rest('POST', '/retention/holds', {
        tag,
        summary: "Place a legal hold on a user: none of the user's documents go until it is released",
        description:
          'Name the user by `userId` or `email`, and say why (`reason`). The user’s documents are exempt from ' +
          'every policy, from the other modules’ cleanups and from TTL expiry (pinned within the hour).',
        targetType: 'legal_hold',
        successStatus: 201,
      }),
    )
    .input(ZHoldCreateInput)
    .output(ZHold)
    .mutation(({ ctx, input }) =>
      ctx.services.retention.createHold(ctx.productId, input, actor(ctx.principal)),
    ),
  releaseHold: adminProcedure
    .meta(
      rest('DELETE', '/retention/holds/{id}', {
        tag,
        summary: 'Release a legal hold; it stays on record with who released it and when',
        targetType: 'legal_hold',
      }),
    )
    .input(ZHoldIdInput)
    .output(ZHold)
    .mutation(({ ctx, input }) =>
      ctx.services.retention.releaseHold(ctx.productId, input.id, actor(ctx.principal)),
    ),
});
