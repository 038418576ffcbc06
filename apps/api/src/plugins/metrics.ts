import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tRPC procedure this request called on either face ('' when none); a bounded metrics label. */
    procedure: string;
  }
}

const LABELS = ['method', 'route', 'status_code', 'procedure'] as const;

/**
 * Prometheus metrics at /metrics: process defaults plus request duration (whose `_count` is the request
 * counter) by method, route pattern, status and procedure. One registry per server, so several servers in one
 * process (tests) coexist.
 */
export const registerMetrics = (app: FastifyInstance, opts: { defaultMetrics?: boolean } = {}): Registry => {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: LABELS,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Label sets are few (routes x methods x statuses x procedures): keep each bound child instead of hashing
  // the label object on every observation.
  const children = new Map<string, { observe(value: number): void }>();

  app.decorateRequest('procedure', '');
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'not_found';
    const key = `${request.method} ${route} ${reply.statusCode} ${request.procedure}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({
        method: request.method,
        route,
        status_code: reply.statusCode,
        procedure: request.procedure,
      });
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
  return registry;
};
