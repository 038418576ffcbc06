import type { Connector, Resolver } from '../../lib/outbound';

/**
 * Status settings (apps/api fills them from the environment). The network parts default to the webhooks'
 * (WEBHOOK_ALLOWED_CIDRS, https in production, the test connector), so monitors and webhooks reach the same
 * addresses.
 */
export type StatusConfig = {
  /** Internal ranges HTTP(S) and TCP monitors may reach besides public addresses (WEBHOOK_ALLOWED_CIDRS). */
  allowedCidrs?: readonly string[];
  /** NODE_ENV=production: HTTP monitors use https, except to addresses inside `allowedCidrs`. */
  requireHttps?: boolean;
  /** The console's origin (CONSOLE_URL): the public page and the confirm and unsubscribe links live there. */
  consoleUrl?: string;
  /** How often the leading instance looks for due monitors. Default 5 s. */
  pollIntervalMs?: number;
  resolve?: Resolver;
  connect?: Connector;
};

export const STATUS_DEFAULTS = {
  consoleUrl: 'http://127.0.0.1:3001',
  pollIntervalMs: 5000,
} as const;

/** The platform's own components, seeded in every product; MaintenanceConfig.affectedServices names these keys. */
export const PLATFORM_COMPONENTS = [
  { id: 'api', name: 'API', description: 'The REST and tRPC API.', group: 'Platform' },
  { id: 'console', name: 'Console', description: 'The admin console.', group: 'Platform' },
  { id: 'database', name: 'Database', description: 'The document store.', group: 'Infrastructure' },
  { id: 'blob_storage', name: 'Blob storage', description: 'Uploads and files.', group: 'Infrastructure' },
  { id: 'email', name: 'Email delivery', description: 'Transactional email.', group: 'Delivery' },
  { id: 'push', name: 'Push notifications', description: 'Mobile push.', group: 'Delivery' },
  {
    id: 'job_runner',
    name: 'Job runner',
    description: 'Scheduled jobs and background work.',
    group: 'Infrastructure',
  },
  { id: 'event_bus', name: 'Event bus', description: 'Events and webhooks.', group: 'Infrastructure' },
] as const;

/** The internal monitors seeded with the platform's components. */
export const PLATFORM_MONITORS = [
  { componentId: 'database', name: 'Store ping', check: 'store', threshold: null },
  { componentId: 'blob_storage', name: 'Blob store ping', check: 'blob', threshold: null },
  { componentId: 'event_bus', name: 'Event backlog', check: 'event_backlog', threshold: 1000 },
  { componentId: 'event_bus', name: 'Dead letters', check: 'dead_letters', threshold: 100 },
  { componentId: 'job_runner', name: 'Leader lease', check: 'job_runner', threshold: null },
] as const;

/** Check results and daily rollups are kept this long (the page shows 90 days). */
export const HISTORY_DAYS = 90;
/** Bytes of an HTTP monitor's answer searched for its keyword. */
export const KEYWORD_BODY_BYTES = 64 * 1024;
/** Monitors checked at once by one pass. */
export const CHECK_CONCURRENCY = 8;
/** A confirmation link lives this long. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
/** Confirmation mails one address may get per day (subscribing is public). */
export const CONFIRM_MAILS_PER_DAY = 3;
/** Partial outage counts as this share of down time (Statuspage's and Instatus's weighting). */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/** The uptime rule, as the page and the API state it. */
export const UPTIME_RULE =
  'Uptime = 1 − (time in major outage + 0.3 × time in partial outage) ÷ (time observed − time under maintenance). ' +
  'Degraded performance counts as up; maintenance windows are left out of the denominator; checks that were ' +
  'still retrying before a component went down count as down once it does (a failed check that the next one ' +
  'contradicts is not an outage). Days are UTC.';
