import type { Connector, Resolver } from '../../lib/outbound';

/** Webhook settings (apps/api/src/env.ts fills them from the environment; tests inject the network parts). */
export type WebhooksConfig = {
  /** WEBHOOK_DELIVERY_TIMEOUT_MS: per attempt, from connect to the end of the (capped) answer. */
  timeoutMs?: number;
  /** WEBHOOK_MAX_RETRIES: attempts after the first before a message fails (10 s, 60 s, 300 s, then 30 min, 1 h). */
  maxRetries?: number;
  /** WEBHOOK_ALLOWED_CIDRS: internal ranges receivers may live in (otherwise only public addresses). */
  allowedCidrs?: readonly string[];
  /** NODE_ENV=production: https only, except to addresses inside `allowedCidrs`. */
  requireHttps?: boolean;
  /** Messages in flight per endpoint in this process. Default 8. */
  endpointConcurrency?: number;
  /** Messages in flight in this process across endpoints. Default 256. */
  totalConcurrency?: number;
  /** How often this process looks for due retries and lapsed claims. Default 1 s. */
  pollIntervalMs?: number;
  /** The console's origin (CONSOLE_URL), for the links in admin mails. */
  consoleUrl?: string;
  resolve?: Resolver;
  connect?: Connector;
};

export const WEBHOOK_DEFAULTS = {
  timeoutMs: 5000,
  maxRetries: 3,
  endpointConcurrency: 8,
  totalConcurrency: 256,
  pollIntervalMs: 1000,
} as const;

/** Delays before each retry, as the roadmap gives them; beyond the third, 30 min then hourly. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 3_600_000] as const;
/** Messages in a row that fail before the endpoint is disabled. */
export const DISABLE_AFTER_FAILURES = 10;
/** How long a rotated-out secret still signs. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Longest wait a receiver's Retry-After may ask for. */
export const RETRY_AFTER_CAP_MS = 3_600_000;
/** Response bytes kept per attempt. */
export const RESPONSE_BODY_BYTES = 4096;
