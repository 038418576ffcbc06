import { adminActionEvent } from '../../access';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZBulkCreateInput,
  ZBulkPreview,
  ZDownloadOutput,
  ZExportCreateInput,
  ZExportIdInput,
  ZExportJob,
  ZExportListInput,
  ZExportListOutput,
  ZItemsInput,
  ZItemsOutput,
} from './schema';

const tag = 'exports';
const targetType = 'export';

const requester = (ctx: {
  principal: { userId: string; email: string; roles: import('../users/schema').TRole[]; tokenId?: string };
  requestId: string;
  ip: string;
}) => ({
  userId: ctx.principal.userId,
  email: ctx.principal.email,
  roles: ctx.principal.roles,
  tokenId: ctx.principal.tokenId ?? null,
  requestId: ctx.requestId,
  ip: ctx.ip,
});

const FILTERS =
  'Filters by type: users (plan, status, role, search, from, to on createdAt), audit (action, userId of the ' +
  'actor, from, to), telemetry (platform, eventType, from, to on the event time), usage (userId, from, to by ' +
  'UTC day), subscriptions (plan, status), licenses (status, plan). `from`/`to`: ISO date-times or days ' +
  '(yyyy-mm-dd, inclusive). CSV is RFC 4180 in UTF-8 without a byte-order mark; a cell starting with = + - @ ' +
  'tab or carriage return is prefixed with a single quote so spreadsheets do not run it.';

export const exportsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/exports', { tag, summary: 'Exports and bulk operations, newest first' }))
    .input(ZExportListInput)
    .output(ZExportListOutput)
    .query(({ ctx, input }) => ctx.services.exports.list(ctx.productId, input)),
  get: adminProcedure
    .meta(rest('GET', '/exports/{id}', { tag, summary: 'One export or bulk operation, with its progress' }))
    .input(ZExportIdInput)
    .output(ZExportJob)
    .query(({ ctx, input }) => ctx.services.exports.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/exports', {
        tag,
        summary:
          'Start an export of users, audit, telemetry, usage, subscriptions or licenses (CSV or NDJSON)',
        description: `Runs in the background; follow it with GET /v1/exports/{id}, then GET /v1/exports/{id}/download. ${FILTERS}`,
        targetType,
        successStatus: 202,
      }),
    )
    .input(ZExportCreateInput)
    .output(ZExportJob)
    .mutation(({ ctx, input }) => ctx.services.exports.create(ctx.productId, input, requester(ctx))),
  cancel: adminProcedure
    .meta(
      rest('POST', '/exports/{id}/cancel', {
        tag,
        summary: 'Cancel a pending or running export or bulk operation',
        description:
          'A running job stops at its next page; items a bulk operation already changed stay changed.',
        targetType,
      }),
    )
    .input(ZExportIdInput)
    .output(ZExportJob)
    .mutation(({ ctx, input }) => ctx.services.exports.cancel(ctx.productId, input.id, ctx.principal.userId)),
  getDownloadUrl: adminProcedure
    .meta(
      rest('GET', '/exports/{id}/download', {
        tag,
        summary: "A signed URL of a ready export's file, valid 15 minutes",
        description: 'Each URL handed out is written to the audit log (exports.getDownloadUrl).',
      }),
    )
    .input(ZExportIdInput)
    .output(ZDownloadOutput)
    .query(async ({ ctx, input }) => {
      const signed = await ctx.services.exports.getDownloadUrl(ctx.productId, input.id, ctx.principal);
      // A read, so the mutations' audit middleware does not see it; handing out the data is audited here.
      await ctx.services.bus.emit(
        ...adminActionEvent(ctx, { action: 'exports.getDownloadUrl', targetType, input, result: input }),
      );
      return signed;
    }),
  listItems: adminProcedure
    .meta(
      rest('GET', '/exports/{id}/items', {
        tag,
        summary: "A bulk operation's items in order: done, skipped with its reason, failed with its error",
      }),
    )
    .input(ZItemsInput)
    .output(ZItemsOutput)
    .query(({ ctx, input }) => ctx.services.exports.listItems(ctx.productId, input)),
  createBulk: adminProcedure
    .meta(
      rest('POST', '/exports/bulk', {
        tag,
        summary: 'Start a bulk operation: set users active or disabled, or revoke licenses',
        description:
          'By `selection.ids` or by `selection.filters` (the users or licenses table filters). Runs in the ' +
          'background through the users or licenses service for each item; follow it with GET /v1/exports/{id} ' +
          'and its items. When it completes, one audit entry `bulk.<operation>` records its item counts.',
        targetType: 'bulk_operation',
        successStatus: 202,
      }),
    )
    .input(ZBulkCreateInput)
    .output(ZExportJob)
    .mutation(({ ctx, input }) => ctx.services.exports.createBulk(ctx.productId, input, requester(ctx))),
  previewBulk: adminProcedure
    .meta(
      rest('POST', '/exports/bulk/dry-run', {
        changesNothing: true,
        tag,
        summary: 'Dry run of a bulk operation: how many items it would visit, how many are already there',
        targetType: 'bulk_operation',
      }),
    )
    .input(ZBulkCreateInput)
    .output(ZBulkPreview)
    .mutation(({ ctx, input }) => ctx.services.exports.previewBulk(ctx.productId, input)),
});
