import type { FastifyRequest } from 'fastify';
import { REST_BASE_PATH } from './openapi';

/** What neither the IP rules nor the rate limits ever refuse (issue 15's shared list with maintenance). */

export const NEVER_REFUSED_OPERATIONS = new Set(['stripe.webhook', 'delivery.sendgridEvents']);
const MAINTENANCE_SETTINGS = `${REST_BASE_PATH}/settings/maintenance`;

/** Whether `url` is `path` itself or below it (`path/...`, `path?...`). */
const at = (url: string, path: string) => {
  if (!url.startsWith(path)) return false;
  const next = url.charCodeAt(path.length);
  return Number.isNaN(next) || next === 47 /* / */ || next === 63 /* ? */;
};

/** The providers' inbound webhooks: a refusal would make them give up on events (Stripe does). */
const INBOUND_WEBHOOKS = ['/v1/stripe/webhook', '/v1/delivery/sendgrid/events'];

/**
 * Health, metrics, the public status page, reading the maintenance settings and the providers' inbound
 * webhooks (issue 15's shared list).
 */
export const neverRefused = (request: FastifyRequest): boolean => {
  const { url } = request;
  // Most requests are /trpc/...: one character tells them apart from every path below.
  const second = url.charCodeAt(1);
  if (second !== 104 /* h */ && second !== 109 /* m */ && second !== 118 /* v */) return false;
  return (
    at(url, '/health') ||
    at(url, '/metrics') ||
    at(url, `${REST_BASE_PATH}/public/status`) ||
    (request.method === 'GET' &&
      at(url, MAINTENANCE_SETTINGS) &&
      !url.startsWith(`${MAINTENANCE_SETTINGS}/`)) ||
    (request.method === 'POST' && INBOUND_WEBHOOKS.some((path) => at(url, path)))
  );
};
