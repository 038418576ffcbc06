import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { createServices, type Services } from '@bytelyst/routers/services';
import type { FastifyBaseLogger } from 'fastify';
import type { Env } from './env';
import type { Secrets } from './secrets';

type Deps = { env: Env; store: DocumentStore; blob: BlobStore; clock: Clock; logger?: FastifyBaseLogger };

/** The platform's services over the given drivers, with every setting the env gives them. */
export const servicesFromEnv = (deps: Deps, secrets: Secrets): Services =>
  createServices({
    store: deps.store,
    blob: deps.blob,
    clock: deps.clock,
    config: {
      jwtSecret: secrets.jwtSecret,
      blobSigningSecret: secrets.blobSigningSecret,
      accessTokenTtlSeconds: deps.env.ACCESS_TOKEN_TTL_SECONDS,
      sessionTtlDays: deps.env.SESSION_TTL_DAYS,
      defaultProductId: deps.env.DEFAULT_PRODUCT_ID,
      sessionCacheTtlMs: deps.env.SESSION_CACHE_TTL_MS,
      jobTickIntervalMs: deps.env.JOB_TICK_INTERVAL_MS,
      ...(deps.env.INSTANCE_ID ? { instanceId: deps.env.INSTANCE_ID } : {}),
      events: {
        dispatch: deps.env.EVENT_DISPATCHER_ENABLED,
        pollIntervalMs: deps.env.EVENT_POLL_INTERVAL_MS,
        claimTtlMs: deps.env.EVENT_CLAIM_TTL_MS,
      },
      billing: {
        webhookToleranceSeconds: deps.env.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
        ...(deps.env.STRIPE_SECRET_KEY ? { stripeSecretKey: deps.env.STRIPE_SECRET_KEY } : {}),
        ...(deps.env.STRIPE_WEBHOOK_SECRET ? { stripeWebhookSecret: deps.env.STRIPE_WEBHOOK_SECRET } : {}),
        ...(deps.env.STRIPE_API_BASE ? { stripeApiBase: deps.env.STRIPE_API_BASE } : {}),
        ...(deps.env.BILLING_PORTAL_RETURN_URL
          ? { portalReturnUrl: deps.env.BILLING_PORTAL_RETURN_URL }
          : {}),
      },
    },
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
