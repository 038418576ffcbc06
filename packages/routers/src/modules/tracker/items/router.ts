import { rest } from '../../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../../trpc';
import {
  ZItemCreateInput,
  ZItemDeleteOutput,
  ZItemIdInput,
  ZItemListInput,
  ZItemListOutput,
  ZItemTriageInput,
  ZItemUpdateInput,
  ZTrackerItem,
} from './schema';

const tag = 'tracker';
const targetType = 'tracker_item';

export const itemsRouter = router({
  get: authedProcedure
    .meta(rest('GET', '/tracker/items/{id}', { tag, summary: 'Get a tracker item' }))
    .input(ZItemIdInput)
    .output(ZTrackerItem)
    .query(({ ctx, input }) => ctx.services.tracker.items.get(ctx.productId, input.id)),
  list: authedProcedure
    .meta(
      rest('GET', '/tracker/items', {
        tag,
        summary:
          'List tracker items, filtered by kind, status, tag or author; newest, updated or most voted first',
      }),
    )
    .input(ZItemListInput.optional())
    .output(ZItemListOutput)
    .query(({ ctx, input }) => ctx.services.tracker.items.list(ctx.productId, input ?? {})),
  create: authedProcedure
    .meta(rest('POST', '/tracker/items', { tag, summary: 'Report a bug, request a feature or file a task' }))
    .input(ZItemCreateInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) => ctx.services.tracker.items.create(ctx.productId, input, ctx.principal)),
  update: authedProcedure
    .meta(
      rest('PATCH', '/tracker/items/{id}', {
        tag,
        summary: "Edit an item's title, body or tags (its author while it is open; admins always)",
      }),
    )
    .input(ZItemUpdateInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) => ctx.services.tracker.items.update(ctx.productId, input, ctx.principal)),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/tracker/items/{id}', {
        tag,
        summary: 'Delete a tracker item with its comments and votes',
        targetType,
      }),
    )
    .input(ZItemIdInput)
    .output(ZItemDeleteOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.deleteItem(ctx.productId, input.id, ctx.principal.userId),
    ),
  triage: adminProcedure
    .meta(
      rest('POST', '/tracker/items/{id}/triage', {
        tag,
        summary: "Set an item's status and/or priority",
        targetType,
      }),
    )
    .input(ZItemTriageInput)
    .output(ZTrackerItem)
    .mutation(({ ctx, input }) =>
      ctx.services.tracker.items.triage(ctx.productId, input, ctx.principal.userId),
    ),
});
