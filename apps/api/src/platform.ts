import type { ContainerDef } from '@bytelyst/db/document-store';
import { type Clock, systemClock } from '@bytelyst/db/document-store';
import type { Migration } from '@bytelyst/db/migrations/definition';
import type { ApiVersionRegistry } from '@bytelyst/routers/lib/api-versions';
import type { Connector } from '@bytelyst/routers/lib/outbound';
import { createSecretResolver } from '@bytelyst/routers/modules/secrets/module';
import type { Services } from '@bytelyst/routers/services';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createDrivers, type Drivers } from './drivers';
import { type Env, EnvError } from './env';
import {
  integrationKeyProblems,
  resolveIntegrationSecrets,
  secretsConfigFromEnv,
} from './integration-secrets';
import { LOG_REDACT } from './plugins/logging';
import { resolveSecrets, type Secrets } from './secrets';
import { buildServer } from './server';
import { servicesFromEnv } from './services-from-env';

export type Platform = Drivers & {
  env: Env;
  app: FastifyInstance;
  services: Services;
  secrets: Secrets;
  /** The event dispatcher with the modules' workers (webhook delivery), and the job runner, each unless turned off by env. */
  startWorkers(): void;
  /** Stops the job runner, then the dispatcher (runs and deliveries in flight finish or are handed back). */
  stopWorkers(): Promise<void>;
};

/**
 * The one composition root, shared by `main.ts`, the e2e server and the API tests (`testing/server.ts`):
 * drivers from env, services, pending migrations applied, the HTTP server and the workers, not yet listening
 * or started. The options are
 * the overrides tests use: a movable clock, `configure` (runs before anything is served; tests register extra
 * bus subscribers there) and `extraContainers` (somewhere for them to write).
 */
export const createPlatform = async (
  env: Env,
  opts: {
    clock?: Clock;
    extraContainers?: readonly ContainerDef[];
    configure?: (services: Services) => void;
    /** The connect step of the outbound guard: SSO and webhooks (tests: loopback only). */
    outboundConnect?: Connector;
    /** Migrations run after the platform's own (the e2e server's fixtures). */
    extraMigrations?: readonly Migration[];
    /** The REST face's versions (tests and the e2e server register older ones beside v1). */
    apiVersions?: ApiVersionRegistry;
  } = {},
): Promise<Platform> => {
  const clock = opts.clock ?? systemClock;
  const secrets = resolveSecrets(env);
  const logger = pino({ level: env.LOG_LEVEL, redact: LOG_REDACT });
  const drivers = await createDrivers(env, {
    clock,
    blobSigningSecret: secrets.blobSigningSecret,
    ...(opts.extraContainers ? { extraContainers: opts.extraContainers } : {}),
  });
  const deps = {
    env,
    ...drivers,
    clock,
    logger,
    ...(opts.outboundConnect ? { outboundConnect: opts.outboundConnect } : {}),
    ...(opts.extraMigrations ? { extraMigrations: opts.extraMigrations } : {}),
    ...(opts.apiVersions ? { apiVersions: opts.apiVersions } : {}),
  };
  // Integration keys env leaves unset come from the platform-wide secrets of the same name (env wins).
  const integration = await resolveIntegrationSecrets(
    env,
    createSecretResolver(drivers.store, {
      jwtSecret: secrets.jwtSecret,
      encryptionKey: secrets.encryptionKey,
      secrets: secretsConfigFromEnv(env),
    }),
  );
  if (integration.fromStore.length > 0)
    logger.info({ names: integration.fromStore }, 'integration secrets from the store');
  const missing = integrationKeyProblems(integration);
  if (missing.length > 0) {
    await drivers.store.close();
    throw new EnvError(`Invalid environment:\n  ${missing.join('\n  ')}`);
  }
  const services = servicesFromEnv(
    {
      ...deps,
      env: integration.env,
      ...(integration.apnsPrivateKey ? { apnsPrivateKey: integration.apnsPrivateKey } : {}),
    },
    secrets,
  );
  opts.configure?.(services);
  // Before anything is served: one instance applies what is pending while the others wait for it. A migration
  // that fails is recorded and logged as a warning, and start-up goes on.
  const migrations = await services.migrations.runPending();
  if (migrations.applied.length > 0 || migrations.blockedBy) logger.info({ migrations }, 'migrations');
  const app = buildServer({ ...deps, services });
  return {
    ...drivers,
    env,
    app,
    services,
    secrets,
    startWorkers() {
      if (env.EVENT_DISPATCHER_ENABLED) {
        services.bus.start();
        for (const worker of services.workers) worker.start();
      }
      if (env.JOB_RUNNER_ENABLED) services.jobRunner.start();
    },
    async stopWorkers() {
      await services.jobRunner.stop();
      // Workers hand back what they hold, then the bus lets running deliveries finish.
      for (const worker of services.workers) await worker.stop();
      await services.bus.stop();
      // Last-active marks already started (the server has stopped taking requests, so no new ones come).
      await services.sessions.activitySettled();
    },
  };
};
