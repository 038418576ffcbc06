import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import { ZOverview } from './schema';

export const systemRouter = router({
  getOverview: adminProcedure
    .meta(rest('GET', '/system/overview', { tag: 'system', summary: 'Counts for the console overview' }))
    .input(z.object({}).optional())
    .output(ZOverview)
    .query(({ ctx }) => ctx.services.system.overview(ctx.productId)),
});
