import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import { ZApiVersionsOverview, ZApiVersionsOverviewInput } from './schema';

export const apiVersionsRouter = router({
  getOverview: adminProcedure
    .meta(
      rest('GET', '/api-versions', {
        tag: 'api-versions',
        summary: 'API versions with their status and sunset, deprecated operations, and who still calls them',
        description:
          'Usage counts calls of deprecated versions and operations per client (`token:<id>` for an API token, ' +
          '`product:<id>` otherwise), summed across API instances over the last `days` days.',
      }),
    )
    .input(ZApiVersionsOverviewInput)
    .output(ZApiVersionsOverview)
    .query(({ ctx, input }) => ctx.services.apiVersions.getOverview(ctx.productId, input.days)),
});
