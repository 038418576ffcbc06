import { z } from 'zod';
import { ANALYTICS_EVENTS } from './catalogue/analytics';
import { ASSETS_EVENTS } from './catalogue/assets';
import { BACKUPS_EVENTS } from './catalogue/backups';
import { BILLING_EVENTS } from './catalogue/billing';
import { CHANGELOG_EVENTS } from './catalogue/changelog';
import { CONTENT_EVENTS } from './catalogue/content';
import { id } from './catalogue/def';
import { DELIVERY_EVENTS } from './catalogue/delivery';
import { DUNNING_EVENTS } from './catalogue/dunning';
import { EXPERIMENT_EVENTS } from './catalogue/experiments';
import { EXPORTS_EVENTS } from './catalogue/exports';
import { FEEDBACK_EVENTS } from './catalogue/feedback';
import { GROWTH_EVENTS } from './catalogue/growth';
import { I18N_EVENTS } from './catalogue/i18n';
import { IDENTITY_EVENTS } from './catalogue/identity';
import { LICENSES_EVENTS } from './catalogue/licenses';
import { MAINTENANCE_EVENTS } from './catalogue/maintenance';
import { MEMORY_EVENTS } from './catalogue/memory';
import { MIGRATION_EVENTS } from './catalogue/migrations';
import { OPERATIONS_EVENTS } from './catalogue/operations';
import { ORG_EVENTS } from './catalogue/orgs';
import { PLATFORM_EVENTS } from './catalogue/platform';
import { PROMOS_EVENTS } from './catalogue/promos';
import { RATELIMIT_EVENTS } from './catalogue/ratelimit';
import { RETENTION_EVENTS } from './catalogue/retention';
import { ROADMAP_EVENTS } from './catalogue/roadmap';
import { SEARCH_EVENTS } from './catalogue/search';
import { SECRETS_EVENTS } from './catalogue/secrets';
import { STATUS_EVENTS } from './catalogue/status';
import { TELEMETRY_EVENTS } from './catalogue/telemetry';
import { THEME_EVENTS } from './catalogue/themes';
import { USAGE_EVENTS } from './catalogue/usage';
import { WEBHOOK_EVENTS } from './catalogue/webhooks';

/**
 * The typed event catalogue: every public webhook event plus the internal events the
 * modules need. Each entry has a version, a zod payload schema and a description; `public` events are the
 * ones webhook subscribers may choose, internal ones stay inside the platform.
 *
 * One file per domain under `catalogue/`; this file gathers them.
 */

export const EVENT_DEFINITIONS = {
  ...IDENTITY_EVENTS,
  ...BILLING_EVENTS,
  ...DUNNING_EVENTS,
  ...USAGE_EVENTS,
  ...LICENSES_EVENTS,
  ...GROWTH_EVENTS,
  ...OPERATIONS_EVENTS,
  ...TELEMETRY_EVENTS,
  ...CONTENT_EVENTS,
  ...DELIVERY_EVENTS,
  ...PLATFORM_EVENTS,
  ...WEBHOOK_EVENTS,
  ...MAINTENANCE_EVENTS,
  ...STATUS_EVENTS,
  ...RATELIMIT_EVENTS,
  ...FEEDBACK_EVENTS,
  ...EXPERIMENT_EVENTS,
  ...MIGRATION_EVENTS,
  ...EXPORTS_EVENTS,
  ...ANALYTICS_EVENTS,
  ...RETENTION_EVENTS,
  ...CHANGELOG_EVENTS,
  ...ROADMAP_EVENTS,
  ...I18N_EVENTS,
  ...THEME_EVENTS,
  ...ASSETS_EVENTS,
  ...BACKUPS_EVENTS,
  ...SEARCH_EVENTS,
  ...MEMORY_EVENTS,
  ...PROMOS_EVENTS,
  ...ORG_EVENTS,
  ...SECRETS_EVENTS,
} as const;

export type EventDefinitions = typeof EVENT_DEFINITIONS;
export type EventType = keyof EventDefinitions;
export type EventPayload<K extends EventType> = z.infer<EventDefinitions[K]['payload']>;

export const EVENT_TYPES = Object.keys(EVENT_DEFINITIONS) as EventType[];
export const PUBLIC_EVENT_TYPES = EVENT_TYPES.filter((type) => EVENT_DEFINITIONS[type].public);

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_DEFINITIONS, value);

/** Fields every event carries around its payload. */
export const ZEventEnvelope = z.object({
  id: id,
  type: z.string(),
  version: z.number().int().min(1),
  productId: id,
  /** ISO time of the emit. */
  at: z.iso.datetime(),
  /** Who caused it: a user id, or null for the system. */
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** One event as subscribers receive it; `data` is typed by `type`. */
export type PlatformEvent<K extends EventType = EventType> = {
  [T in K]: Omit<z.infer<typeof ZEventEnvelope>, 'type' | 'data'> & { type: T; data: EventPayload<T> };
}[K];

/** The JSON Schema (draft 2020-12) of one event's payload, as webhook subscribers are shown it. */
export const eventJsonSchema = (type: EventType): Record<string, unknown> =>
  z.toJSONSchema(EVENT_DEFINITIONS[type].payload, { target: 'draft-2020-12' }) as Record<string, unknown>;

export type CatalogueEntry = {
  type: EventType;
  version: number;
  description: string;
  public: boolean;
  schema: Record<string, unknown>;
  /** A payload the schema accepts, as a receiver would get it; every public event has one, null when none. */
  example: Record<string, unknown> | null;
};

/** The whole catalogue with each payload's JSON Schema, computed once. */
export const describeCatalogue = (() => {
  let cached: CatalogueEntry[] | undefined;
  return (): CatalogueEntry[] => {
    cached ??= EVENT_TYPES.map((type) => ({
      type,
      version: EVENT_DEFINITIONS[type].version,
      description: EVENT_DEFINITIONS[type].description,
      public: EVENT_DEFINITIONS[type].public,
      schema: eventJsonSchema(type),
      example: EVENT_DEFINITIONS[type].example ?? null,
    }));
    return cached;
  };
})();
