import { BILLING_CONTAINERS } from './catalogue/billing';
import { CONTENT_CONTAINERS } from './catalogue/content';
import { FOUNDATION_CONTAINERS } from './catalogue/foundation';
import { GROWTH_CONTAINERS } from './catalogue/growth';
import { LICENSE_CONTAINERS } from './catalogue/licenses';
import { OPERATIONS_CONTAINERS } from './catalogue/operations';
import { TELEMETRY_CONTAINERS } from './catalogue/telemetry';
import { USAGE_CONTAINERS } from './catalogue/usage';
import type { ContainerDef } from './document-store';

/**
 * The one catalogue of containers, kept in one file per
 * domain under `catalogue/`. Created idempotently on start-up by `DocumentStore.init(ALL_CONTAINERS)`.
 * Every product-scoped document carries `productId`.
 */
export const CONTAINERS = {
  ...FOUNDATION_CONTAINERS,
  ...BILLING_CONTAINERS,
  ...USAGE_CONTAINERS,
  ...LICENSE_CONTAINERS,
  ...GROWTH_CONTAINERS,
  ...OPERATIONS_CONTAINERS,
  ...TELEMETRY_CONTAINERS,
  ...CONTENT_CONTAINERS,
} as const satisfies Record<string, ContainerDef>;

export type ContainerKey = keyof typeof CONTAINERS;

export const ALL_CONTAINERS: readonly ContainerDef[] = Object.values(CONTAINERS);
