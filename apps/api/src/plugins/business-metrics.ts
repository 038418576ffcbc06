import type { Services } from '@bytelyst/routers/services';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** A bounded label value from an event payload field ('unknown' when absent or not a short plain string). */
const labelOf = (payload: unknown, field: string): string => {
  const value = (payload as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' && /^[a-z0-9_.-]{1,40}$/i.test(value) ? value : 'unknown';
};

/**
 * The business figures the Grafana dashboard and the alert rules read (deploy/grafana, deploy/prometheus):
 * deliveries by channel and provider, webhook attempts and disabled endpoints, rate-limit refusals by rule, and
 * whether this process leads the job schedule. Counted in the process where each happens (a delivery in the
 * worker that sent it, a 429 in the API instance that answered it); Prometheus sums the instances.
 */
export const registerBusinessMetrics = (
  app: FastifyInstance,
  registry: Registry,
  services: Services,
): (() => void) => {
  const registers = [registry];
  const deliveries = new Counter({
    name: 'bytelyst_deliveries_total',
    help: 'Messages settled by this process: sent (with the provider that took it), failed or bounced',
    labelNames: ['channel', 'provider', 'outcome'],
    registers,
  });
  const webhookAttempts = new Counter({
    name: 'bytelyst_webhook_attempts_total',
    help: 'Webhook HTTP attempts settled by this process (test sends excluded), by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const webhookDuration = new Histogram({
    name: 'bytelyst_webhook_attempt_duration_seconds',
    help: 'Duration of webhook HTTP attempts',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const disabled = new Counter({
    name: 'bytelyst_webhook_endpoints_disabled_total',
    help: 'Webhook endpoints the platform disabled (consecutive failures or 410 Gone), by reason',
    labelNames: ['reason'],
    registers,
  });
  const refused = new Counter({
    name: 'bytelyst_ratelimit_rejections_total',
    help: 'Requests answered 429, by product and rule id (module:<procedure> for a limit a module applies itself)',
    labelNames: ['product', 'rule'],
    registers,
  });
  new Gauge({
    name: 'bytelyst_job_runner_leader',
    help: '1 while this process holds the lease that leads the job schedule, else 0',
    registers,
    collect() {
      this.set(services.jobRunner.isLeader() ? 1 : 0);
    },
  });

  const stopBus = services.bus.observe({
    emitted: ({ type, payload }) => {
      if (type === 'delivery.sent') {
        deliveries.inc({
          channel: labelOf(payload, 'channel'),
          provider: labelOf(payload, 'provider'),
          outcome: 'sent',
        });
      } else if (type === 'delivery.failed') {
        // A failure has tried every provider the channel has (fallback included): none is named.
        deliveries.inc({ channel: labelOf(payload, 'channel'), provider: 'none', outcome: 'failed' });
      } else if (type === 'delivery.bounced') {
        deliveries.inc({ channel: 'email', provider: 'none', outcome: 'bounced' });
      } else if (type === 'webhook.endpoint_disabled') {
        disabled.inc({ reason: labelOf(payload, 'reason') });
      }
    },
  });
  const stopWebhooks = services.webhooks.engine.observeAttempts(({ verdict, durationMs }) => {
    webhookAttempts.inc({
      outcome: verdict === 'success' ? 'succeeded' : verdict === 'gone' ? 'gone' : 'failed',
    });
    webhookDuration.observe(durationMs / 1000);
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 429) {
      refused.inc({
        product: request.trafficProduct || services.config.defaultProductId,
        rule: request.trafficRule || `module:${request.procedure || 'unknown'}`,
      });
    }
    done();
  });
  return () => {
    stopBus();
    stopWebhooks();
  };
};
