import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import {
  ZEvaluateInput,
  ZEvaluateOutput,
  ZExplainInput,
  ZExplainOutput,
  ZFlag,
  ZFlagCreateInput,
  ZFlagIdInput,
  ZFlagListInput,
  ZFlagListOutput,
  ZFlagToggleInput,
  ZFlagUpdateInput,
} from './schema';

const tag = 'flags';
const targetType = 'feature_flag';

export const flagsRouter = router({
  // Declared before `get` so REST matches /flags/evaluate before /flags/{id}.
  evaluate: publicProcedure
    .meta(
      rest('GET', '/flags/evaluate', {
        tag,
        summary: "Every flag's value for one user or device, in one call",
        description:
          'Buckets on the signed-in user (which wins over `userId`), else `userId`, else `deviceId`. Order: ' +
          'disabled -> excluded -> included -> platform -> app version -> percentage rollout ' +
          '(FNV-1a of `key:id` mod 10000 < percentage x 100).',
      }),
    )
    .input(ZEvaluateInput.optional())
    .output(ZEvaluateOutput)
    .query(({ ctx, input }) => {
      const own = ctx.principal?.kind === 'user' ? ctx.principal.userId : undefined;
      return ctx.services.flags.evaluate(ctx.productId, { ...input, ...(own ? { userId: own } : {}) });
    }),
  list: adminProcedure
    .meta(rest('GET', '/flags', { tag, summary: "List this product's flags (search, paged)" }))
    .input(ZFlagListInput.optional())
    .output(ZFlagListOutput)
    .query(({ ctx, input }) => ctx.services.flags.list(ctx.productId, input ?? {})),
  explain: adminProcedure
    .meta(
      rest('GET', '/flags/explain', {
        tag,
        summary: 'Which rule decides each flag (or the one named) for a given caller',
      }),
    )
    .input(ZExplainInput)
    .output(ZExplainOutput)
    .query(({ ctx, input }) => ctx.services.flags.explain(ctx.productId, input)),
  get: adminProcedure
    .meta(rest('GET', '/flags/{id}', { tag, summary: 'Get a flag' }))
    .input(ZFlagIdInput)
    .output(ZFlag)
    .query(({ ctx, input }) => ctx.services.flags.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(rest('POST', '/flags', { tag, summary: 'Create a flag', targetType }))
    .input(ZFlagCreateInput)
    .output(ZFlag)
    .mutation(({ ctx, input }) => ctx.services.flags.create(ctx.productId, input, ctx.principal.userId)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/flags/{id}', {
        tag,
        summary: "Change a flag's description, percentage or targeting",
        description:
          'Omitted fields keep their value; `targeting`, when given, replaces the whole targeting. A percentage ' +
          'change also emits `flag.toggled`. Turn a flag on or off with the toggle route.',
        targetType,
      }),
    )
    .input(ZFlagUpdateInput)
    .output(ZFlag)
    .mutation(({ ctx, input }) => ctx.services.flags.update(ctx.productId, input, ctx.principal.userId)),
  delete: adminProcedure
    .meta(rest('DELETE', '/flags/{id}', { tag, summary: 'Delete a flag', targetType }))
    .input(ZFlagIdInput)
    .output(ZFlag)
    .mutation(({ ctx, input }) => ctx.services.flags.delete(ctx.productId, input.id, ctx.principal.userId)),
  toggle: adminProcedure
    .meta(rest('POST', '/flags/{id}/toggle', { tag, summary: 'Turn a flag on or off', targetType }))
    .input(ZFlagToggleInput)
    .output(ZFlag)
    .mutation(({ ctx, input }) =>
      ctx.services.flags.toggle(ctx.productId, input.id, input.enabled, ctx.principal.userId),
    ),
});
