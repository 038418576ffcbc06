import { updateEach } from '@bytelyst/db/migrations/backfill';
import type { Migration } from '@bytelyst/db/migrations/definition';
import { PRODUCTS_CONTAINERS } from '../modules/products/containers';
import type { ProductDoc } from '../modules/products/repository';
import { DEFAULT_BRANDING, type TProductBranding } from '../modules/products/schema';

const products = PRODUCTS_CONTAINERS.products.name;
const BRANDING_KEYS = Object.keys(DEFAULT_BRANDING) as (keyof TProductBranding)[];

/** A product as stored before branding or the verified-email setting existed. */
type StoredProduct = Omit<ProductDoc, 'branding' | 'requireVerifiedEmail'> & {
  branding?: Partial<TProductBranding>;
  requireVerifiedEmail?: boolean;
};

const complete = (doc: StoredProduct) =>
  doc.requireVerifiedEmail !== undefined &&
  doc.branding !== undefined &&
  BRANDING_KEYS.every((key) => doc.branding && key in doc.branding);

const isDefaultBranding = (branding: Partial<TProductBranding> | undefined) =>
  branding !== undefined &&
  BRANDING_KEYS.every((key) => branding[key] === DEFAULT_BRANDING[key]) &&
  Object.keys(branding).length === BRANDING_KEYS.length;

/**
 * Products stored before branding or the verified-email setting existed read with the defaults filled in.
 * This writes the defaults into them (a partial branding keeps what it has), so every stored product carries
 * every setting. `down` takes out what equals the defaults, which reads the same.
 */
export const productsSettings: Migration = {
  version: 2,
  name: 'products_settings',
  description: 'Products stored before branding or requireVerifiedEmail existed get the defaults written in',
  reversible: true,
  async up(ctx) {
    // The registry is small: every product is looked at, and only incomplete ones are written.
    await updateEach<StoredProduct>(ctx, products, {}, (doc) =>
      complete(doc)
        ? null
        : {
            ...doc,
            branding: { ...DEFAULT_BRANDING, ...doc.branding },
            requireVerifiedEmail: doc.requireVerifiedEmail ?? false,
          },
    );
  },
  async down(ctx) {
    await updateEach<StoredProduct>(ctx, products, {}, (doc) => {
      const dropFlag = doc.requireVerifiedEmail === false;
      const dropBranding = isDefaultBranding(doc.branding);
      if (!dropFlag && !dropBranding) return null;
      const { requireVerifiedEmail, branding, ...rest } = doc;
      return {
        ...rest,
        ...(dropFlag ? {} : { requireVerifiedEmail }),
        ...(dropBranding ? {} : { branding }),
      };
    });
  },
};
