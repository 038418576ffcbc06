import type { ThemeTokens } from '@bytelyst/design-tokens';

/**
 * A product's published theme, for the modules that render in its colours (delivery's mail). The themes module
 * is built after delivery, so delivery gets this handle, which services.ts binds to the themes service.
 */
export type BrandThemes = { published(productId: string): Promise<ThemeTokens | null> };

export const createBrandThemesSlot = () => {
  let target: BrandThemes['published'] | undefined;
  return {
    // Unbound only while the platform is being built: mail then keeps the product's plain brand.
    published: (productId: string) => (target ? target(productId) : Promise.resolve(null)),
    bind(published: BrandThemes['published']) {
      target = published;
    },
  };
};
