import { rest } from '../../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../../trpc';
import {
  ZPlan,
  ZPlanArchiveInput,
  ZPlanCodeInput,
  ZPlanCreateInput,
  ZPlanDeleteOutput,
  ZPlanList,
  ZPlanUpdateInput,
  ZPublicPlanList,
} from './schema';

const tag = 'plans';
const targetType = 'plan';

export const plansRouter = router({
  list: publicProcedure
    .meta(
      rest('GET', '/plans', {
        tag,
        summary: "The product's plans on offer (not archived), for pricing pages",
      }),
    )
    .output(ZPublicPlanList)
    .query(({ ctx }) => ctx.services.billing.plans.listPublic(ctx.productId)),
  listAll: adminProcedure
    .meta(rest('GET', '/plans/all', { tag, summary: "All of the product's plans, archived ones included" }))
    .output(ZPlanList)
    .query(({ ctx }) => ctx.services.billing.plans.listAll(ctx.productId)),
  get: adminProcedure
    .meta(
      rest('GET', '/plans/{code}', { tag, summary: 'One plan with its quotas, features and Stripe price' }),
    )
    .input(ZPlanCodeInput)
    .output(ZPlan)
    .query(({ ctx, input }) => ctx.services.billing.plans.get(ctx.productId, input.code)),
  create: adminProcedure
    .meta(rest('POST', '/plans', { tag, summary: 'Create a plan', targetType }))
    .input(ZPlanCreateInput)
    .output(ZPlan)
    .mutation(({ ctx, input }) => ctx.services.billing.plans.create(ctx.productId, input)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/plans/{code}', {
        tag,
        summary: "Change a plan's price, quotas or features",
        targetType,
      }),
    )
    .input(ZPlanUpdateInput)
    .output(ZPlan)
    .mutation(({ ctx, input }) => ctx.services.billing.plans.update(ctx.productId, input)),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/plans/{code}', {
        tag,
        summary: 'Delete a plan nobody is subscribed to (archive it otherwise)',
        targetType,
      }),
    )
    .input(ZPlanCodeInput)
    .output(ZPlanDeleteOutput)
    .mutation(({ ctx, input }) => ctx.services.billing.plans.delete(ctx.productId, input.code)),
  archive: adminProcedure
    .meta(
      rest('POST', '/plans/{code}/archive', {
        tag,
        summary: 'Archive a plan (no new subscribers) or bring it back with archived=false',
        targetType,
      }),
    )
    .input(ZPlanArchiveInput)
    .output(ZPlan)
    .mutation(({ ctx, input }) =>
      ctx.services.billing.plans.archive(ctx.productId, input.code, input.archived),
    ),
  setDefault: adminProcedure
    .meta(
      rest('POST', '/plans/{code}/default', {
        tag,
        summary: 'Make a plan the one new users start on',
        targetType,
      }),
    )
    .input(ZPlanCodeInput)
    .output(ZPlan)
    .mutation(({ ctx, input }) => ctx.services.billing.plans.setDefault(ctx.productId, input.code)),
});
