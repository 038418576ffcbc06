import { defineModule } from '../../module';
import { PRODUCTS_CONTAINERS } from './containers';
import { createProductsRepository } from './repository';
import { createProductsService } from './service';

/** The product registry: lifecycle, and the cached lookup every request resolves its product with. */
export const productsModule = defineModule({
  name: 'products',
  containers: PRODUCTS_CONTAINERS,
  create: ({ store, clock, config, bus }) => ({
    service: createProductsService({
      repo: createProductsRepository(store),
      clock,
      defaultProductId: config.defaultProductId,
      bus,
    }),
  }),
});
