import { resolveTarget, type TargetPolicy } from '../../lib/outbound';
import { createOutboundClient } from '../../lib/outbound/client';
import { defineModule } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { UsersService } from '../users/service';
import { RESPONSE_BODY_BYTES, WEBHOOK_DEFAULTS } from './config';
import { WEBHOOK_CONTAINERS } from './containers';
import { createEndpointsService } from './endpoints';
import { createDeliveryEngine } from './engine';
import { webhookAlertSubscriber } from './handlers';
import { createMessagesService } from './messages';
import { createRecoveryService } from './recovery';
import { createWebhooksRepository } from './repository';
import type { WebhookTransport } from './send';
import { createWebhooksService, type WebhooksNeeds } from './service';

type Needs = WebhooksNeeds & { users: UsersService; delivery: DeliveryModuleService };

/**
 * Outbound webhooks: endpoints an admin registers receive the public events they subscribe to, signed per the
 * Standard Webhooks specification, persisted before the first attempt, retried on the roadmap's schedule, each
 * endpoint in its own queue, every connection through the SSRF guard.
 */
export const webhooksModule = defineModule({
  name: 'webhooks',
  containers: WEBHOOK_CONTAINERS,
  create: ({ store, clock, random, bus, config, secretBox, rateCounters, logger }, needs: Needs) => {
    const settings = { ...WEBHOOK_DEFAULTS, ...config.webhooks };
    const allowedCidrs = settings.allowedCidrs ?? [];
    const policy: TargetPolicy = {
      network: 'public',
      allowedCidrs,
      http: settings.requireHttps ? 'allowed-cidrs-only' : 'allow',
      settings: { allowedCidrs: 'WEBHOOK_ALLOWED_CIDRS', http: 'in production' },
      ...(settings.resolve ? { resolve: settings.resolve } : {}),
    };
    const client = createOutboundClient({
      ...policy,
      timeoutMs: settings.timeoutMs,
      maxBodyBytes: RESPONSE_BODY_BYTES,
      ...(settings.connect ? { connect: settings.connect } : {}),
    });
    const transport: WebhookTransport = {
      check: async (url) => {
        await resolveTarget(url, policy);
      },
      post: (url, init) => client.post(url, init),
    };
    const repo = createWebhooksRepository(store);
    const log = logger ?? { info: () => undefined, warn: () => undefined, error: () => undefined };
    const endpoints = createEndpointsService({ repo, clock, bus, secretBox, transport });
    const engine = createDeliveryEngine({
      repo,
      clock,
      random,
      transport,
      rateCounters,
      logger: log,
      endpoint: endpoints.forDelivery,
      health: endpoints.health,
      maxRetries: settings.maxRetries,
      timeoutMs: settings.timeoutMs,
      endpointConcurrency: settings.endpointConcurrency,
      totalConcurrency: settings.totalConcurrency,
      pollIntervalMs: settings.pollIntervalMs,
      instanceId: config.instanceId ?? 'api',
    });
    const messages = createMessagesService({ repo, clock, bus, engine, endpoints });
    const recovery = createRecoveryService({ repo, clock, bus, endpoints, messages });
    return {
      service: createWebhooksService({ endpoints, messages, recovery, engine, needs }),
      subscribers: [
        messages.fanout,
        recovery.subscriber,
        webhookAlertSubscriber({
          users: needs.users,
          delivery: needs.delivery,
          consoleUrl: settings.consoleUrl ?? 'http://127.0.0.1:3001',
        }),
      ],
      workers: [
        {
          name: 'webhooks.delivery',
          start: () => engine.start(),
          stop: async () => {
            await engine.stop();
            client.close();
          },
        },
      ],
    };
  },
});

export type WebhooksService = ReturnType<typeof webhooksModule.create>['service'];
