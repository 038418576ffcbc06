import { AppError } from '../../app-error';
import { defineModule } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { ProductsService } from '../products/service';
import type { ValuesService } from '../settings/values-service';
import { STATUS_DEFAULTS } from '../status/config';
import { CHANGELOG_CONTAINERS } from './containers';
import { announcementSubscriber } from './handlers';
import { createLastSeen } from './last-seen';
import { createChangelogRepository } from './repository';
import { changelogRoutes } from './routes';
import { createChangelogService } from './service';

type Needs = {
  products: ProductsService;
  settings: ValuesService;
  delivery: DeliveryModuleService;
};

/**
 * The changelog (roadmap §2.16): entries drafted, previewed, published now or by the changelog-publish job at
 * their time, unpublished; a cacheable client endpoint and an Atom feed; the user's last seen version in their
 * settings; announcements through delivery.
 */
export const changelogModule = defineModule({
  name: 'changelog',
  containers: CHANGELOG_CONTAINERS,
  create: ({ store, clock, bus, config }, needs: Needs) => {
    const repo = createChangelogRepository(store);
    const service = createChangelogService({ repo, clock, bus });
    // The console serves the public page; CONSOLE_URL reaches the API through the status page's settings.
    const consoleUrl = (config.status?.consoleUrl ?? STATUS_DEFAULTS.consoleUrl).replace(/\/+$/, '');
    const pageUrl = (productId: string) =>
      `${consoleUrl}/changelog${productId === config.defaultProductId ? '' : `?product=${encodeURIComponent(productId)}`}`;
    return {
      service: { ...service, lastSeen: createLastSeen(needs.settings) },
      subscribers: [announcementSubscriber({ repo, delivery: needs.delivery, pageUrl })],
      jobs: [
        {
          name: 'changelog-publish',
          cron: '* * * * *',
          description: 'Publishes scheduled changelog entries whose time has come.',
          timeoutMs: 60_000,
          missedRunPolicy: 'once',
          run: async (ctx) => service.publishDue(ctx.signal),
        },
      ],
      routes: changelogRoutes({
        changelog: service,
        pageUrl,
        now: () => new Date(clock()).toISOString(),
        productOf: async (request, fallback) => {
          const requested = typeof request.query.product === 'string' ? request.query.product : undefined;
          const product = await needs.products.find(requested ?? fallback);
          if (!product) throw new AppError('NOT_FOUND', `Product '${requested ?? fallback}' not found`);
          return { id: product.id, name: product.name };
        },
        apiOrigin: (request) =>
          config.delivery?.publicBaseUrl?.replace(/\/+$/, '') ??
          `http://${request.headers.host ?? '127.0.0.1'}`,
      }),
    };
  },
});

export type ChangelogModuleService = ReturnType<typeof changelogModule.create>['service'];
