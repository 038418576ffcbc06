import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import {
  ZMemoryCreateInput,
  ZMemoryIdInput,
  ZMemoryItem,
  ZMemoryItemDetail,
  ZMemoryListInput,
  ZMemoryListMineInput,
  ZMemoryListOutput,
  ZMemoryReassignInput,
  ZMemoryUpdateInput,
} from './schema';

const tag = 'memory';
const targetType = 'memory_item';

export const memoryRouter = router({
  create: authedProcedure
    .meta(
      rest('POST', '/memory', {
        tag,
        summary: 'Save a memory item for the caller: text, source, tags and optionally an uploaded file',
        description:
          'Attach a file by uploading it first with POST /v1/blob/upload-url to the attachments container under ' +
          "users/<your id>/ and passing its key. Counts under the plan's memory_items quota (403 " +
          'quota_exceeded when it is used up).',
      }),
    )
    .input(ZMemoryCreateInput)
    .output(ZMemoryItem)
    .mutation(({ ctx, input }) => ctx.services.memory.create(ctx.productId, ctx.principal, input)),
  listMine: authedProcedure
    .meta(
      rest('GET', '/memory/mine', {
        tag,
        summary: "The caller's memory items, newest first, by tag, source or words in the text",
      }),
    )
    .input(ZMemoryListMineInput.optional())
    .output(ZMemoryListOutput)
    .query(({ ctx, input }) =>
      ctx.services.memory.list(ctx.productId, { ...input, userId: ctx.principal.userId }),
    ),
  list: adminProcedure
    .meta(
      rest('GET', '/memory', {
        tag,
        summary: "The product's memory items, newest first, by user, tag, source or words in the text",
      }),
    )
    .input(ZMemoryListInput.optional())
    .output(ZMemoryListOutput)
    .query(({ ctx, input }) => ctx.services.memory.list(ctx.productId, input ?? {})),
  get: authedProcedure
    .meta(
      rest('GET', '/memory/{id}', {
        tag,
        summary: 'One memory item (its owner or an admin), with a signed link to its file',
      }),
    )
    .input(ZMemoryIdInput)
    .output(ZMemoryItemDetail)
    .query(({ ctx, input }) => ctx.services.memory.get(ctx.productId, input.id, ctx.principal)),
  update: authedProcedure
    .meta(
      rest('PATCH', '/memory/{id}', {
        tag,
        summary:
          "Change a memory item's text, tags or file (its owner or an admin); attachment null removes it",
        targetType,
      }),
    )
    .input(ZMemoryUpdateInput)
    .output(ZMemoryItem)
    .mutation(({ ctx, input }) => ctx.services.memory.update(ctx.productId, ctx.principal, input)),
  reassign: adminProcedure
    .meta(
      rest('POST', '/memory/{id}/reassign', {
        tag,
        summary: 'Move a memory item to another user of the same product',
        targetType,
      }),
    )
    .input(ZMemoryReassignInput)
    .output(ZMemoryItem)
    .mutation(({ ctx, input }) => ctx.services.memory.reassign(ctx.productId, input, ctx.principal.userId)),
  delete: authedProcedure
    .meta(
      rest('DELETE', '/memory/{id}', {
        tag,
        summary: 'Delete a memory item (its owner or an admin) and its file',
        targetType,
      }),
    )
    .input(ZMemoryIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.memory.delete(ctx.productId, input.id, ctx.principal)),
});
