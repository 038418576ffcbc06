import type { FastifyRequest } from 'fastify';
import { REST_BASE_PATH } from './openapi';

/** What neither the IP rules nor the rate limits ever refuse (issue 15's shared list with maintenance). */

/**
 * Procedures and plain routes never refused, whichever face calls them: the providers' inbound webhooks, and
 * on /trpc the procedures behind the exempt REST paths below (the public status page's, which answers under
 * `/v1/public/status`, and reading the maintenance config), so that the two faces agree.
 */
export const NEVER_REFUSED_OPERATIONS: ReadonlySet<string> = new Set([
  'stripe.webhook',
  'delivery.sendgridEvents',
  'status.get',
  'status.getHistory',
  'status.subscribe',
  'status.confirm',
  'status.unsubscribe',
  'maintenance.get',
]);

/** A /trpc call (a batch: every call of it) of never-refused procedures; `path` is the route's parameter. */
export const neverRefusedCalls = (path: string | undefined): boolean => {
  if (!path) return false;
  if (!path.includes(',')) return NEVER_REFUSED_OPERATIONS.has(path);
  return path.split(',').every((name) => NEVER_REFUSED_OPERATIONS.has(name));
};
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
 * webhooks (issue 15's shared list), on REST and plain routes and on /trpc.
 */
export const neverRefused = (request: FastifyRequest): boolean => {
  const { url } = request;
  // Most requests are /trpc/...: one character tells them apart from every path below.
  const second = url.charCodeAt(1);
  if (second === 116 /* t */)
    return url.startsWith('/trpc/') && neverRefusedCalls((request.params as { path?: string }).path);
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
