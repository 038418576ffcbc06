import { PLATFORM_SCOPE } from '@bytelyst/routers/modules/events/schema';

/** Which events the console shows: the selected product's, the platform's own ('*'), or every product's. */
export type EventScope = 'current' | 'platform' | 'all';

export const parseEventScope = (value: string | null | undefined): EventScope =>
  value === 'platform' || value === 'all' ? value : 'current';

/** The scope as the events procedures take it; anything but the current product is super_admin only. */
export const scopeInput = (scope: EventScope): { productId?: string; allProducts?: boolean } => {
  if (scope === 'platform') return { productId: PLATFORM_SCOPE };
  if (scope === 'all') return { allProducts: true };
  return {};
};

/** The query string that keeps a scope across the events views ('' for the current product). */
export const scopeSearch = (scope: EventScope): string => (scope === 'current' ? '' : `?scope=${scope}`);

/** The scope to go back to from an event read in `productId` (undefined: the current product). */
export const scopeOfProduct = (productId: string | undefined): EventScope =>
  productId === undefined ? 'current' : productId === PLATFORM_SCOPE ? 'platform' : 'all';

/**
 * An event's detail page. Outside the current product the link names the event's product, because events are
 * stored per product and the API looks in the current one unless told otherwise.
 */
export const eventHref = (id: string, productId: string, scope: EventScope): string =>
  `/ops/events/${encodeURIComponent(id)}${scope === 'current' ? '' : `?product=${encodeURIComponent(productId)}`}`;

export const productLabel = (productId: string): string =>
  productId === PLATFORM_SCOPE ? 'Platform' : productId;
