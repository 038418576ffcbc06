import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import { ZAuditListInput, ZAuditListOutput } from './schema';

export const auditRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/audit', { tag: 'audit', summary: "This product's audit log, newest first" }))
    .input(ZAuditListInput.optional())
    .output(ZAuditListOutput)
    .query(({ ctx, input }) => ctx.services.audit.list(ctx.productId, input ?? {})),
});
