import type { JobTrigger } from '../../lib/job-trigger';
import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import { ANALYTICS_CONTAINERS } from './containers';
import { analyticsUserErasure } from './erasure';
import { createAnalyticsService } from './service';

type Needs = { products: Pick<ProductsService, 'list'>; jobTrigger: JobTrigger };

/** Analytics: rollups of activity, retention, funnels, adoption and revenue, and the views over them. */
export const analyticsModule = defineModule({
  name: 'analytics',
  containers: ANALYTICS_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const service = createAnalyticsService({
      store,
      clock,
      bus,
      jobs: needs.jobTrigger,
      products: async () => (await needs.products.list()).map((product) => product.id),
    });
    return { service, jobs: service.jobs, subscribers: [analyticsUserErasure(store, clock)] };
  },
});
