import { defineModule } from '../../module';
import type { ChangelogModuleService } from '../changelog/module';
import type { ProductsService } from '../products/service';
import type { TrackerModuleService } from '../tracker/module';
import type { UsersService } from '../users/service';
import { roadmapRoutes } from './routes';
import { createRoadmapService } from './service';

type Needs = {
  tracker: TrackerModuleService;
  changelog: ChangelogModuleService;
  products: ProductsService;
  users: UsersService;
};

/**
 * The public roadmap (roadmap §1.1 public): tracker items an admin made public, in three columns, voted and
 * commented on by signed-in end users, who also suggest features that admins approve or reject. Its data lives
 * in the tracker's containers; it owns none.
 */
export const roadmapModule = defineModule({
  name: 'roadmap',
  containers: {},
  create: (_deps, needs: Needs) => {
    const service = createRoadmapService({
      tracker: needs.tracker,
      changelog: needs.changelog,
      nameOf: async (productId, userId) => (await needs.users.find(productId, userId))?.name,
      productExists: async (productId) => (await needs.products.find(productId)) !== undefined,
    });
    return {
      service,
      routes: roadmapRoutes({
        roadmap: service,
        productOf: async (request, fallback) => {
          const text = (name: string) =>
            typeof request.query[name] === 'string' && request.query[name] !== ''
              ? request.query[name]
              : undefined;
          const requested = text('product') ?? text('productId');
          return service.productFor(requested, fallback);
        },
      }),
    };
  },
});
