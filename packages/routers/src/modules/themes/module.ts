import { defineModule } from '../../module';
import type { ProductsService } from '../products/service';
import { THEMES_CONTAINERS } from './containers';
import { createThemesRepository } from './repository';
import { themesRoutes } from './routes';
import { createThemesService } from './service';

type Needs = { products: ProductsService };

/**
 * Themes and design tokens (roadmap §1.1 themes, §1.2 design-tokens): a draft and numbered published versions
 * per product, the client endpoint with its ETag, generated CSS / TypeScript / Kotlin / Swift. Delivery renders
 * mail with the published colours through the brand-theme handle services.ts binds to `publishedTokens`.
 */
export const themesModule = defineModule({
  name: 'themes',
  containers: THEMES_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const service = createThemesService({ repo: createThemesRepository(store), clock, bus });
    return {
      service,
      routes: themesRoutes({
        themes: service,
        productExists: async (productId) => (await needs.products.find(productId)) !== undefined,
      }),
    };
  },
});
