import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { createLeaseManager } from '@bytelyst/db/leases';
import { createDurableBus } from '@bytelyst/events/durable-bus';
import type { BusLogger } from '@bytelyst/events/logger';
import { createJobRegistry } from '@bytelyst/scheduler/registry';
import { createJobsRepository } from '@bytelyst/scheduler/repository';
import { createJobRunner } from '@bytelyst/scheduler/runner';
import { randomId } from './lib/crypto';
import { createTtlCache } from './lib/ttl-cache';
import type { ModuleDeps } from './module-deps';
import { auditSubscriber } from './modules/audit/handlers';
import { createAuditRepository } from './modules/audit/repository';
import { createAuditService } from './modules/audit/service';
import { createAuthService } from './modules/auth/service';
import type { BillingConfig } from './modules/billing/config';
import { createBillingModule } from './modules/billing/module';
import { createBlobModule } from './modules/blob/module';
import { deadLetterSweep } from './modules/events/jobs';
import { createEventsRepository } from './modules/events/repository';
import { createEventsService } from './modules/events/service';
import { createFlagsModule } from './modules/flags/module';
import { createGrowthModule } from './modules/growth/module';
import { createJobsService, withAppErrors } from './modules/jobs/service';
import { createLicensesModule } from './modules/licenses/module';
import { createNotificationsModule } from './modules/notifications/module';
import { createProductsRepository } from './modules/products/repository';
import { createProductsService } from './modules/products/service';
import { createSessionsRepository } from './modules/sessions/repository';
import { createSessionsService } from './modules/sessions/service';
import { createStaleSessionCleanupJob } from './modules/sessions/stale-session-cleanup';
import { createSettingsModule } from './modules/settings/module';
import { createSystemService } from './modules/system/service';
import { createTelemetryModule } from './modules/telemetry/module';
import { createTokensRepository } from './modules/tokens/repository';
import { createTokensService } from './modules/tokens/service';
import { createTrackerModule } from './modules/tracker/module';
import { createUsersRepository } from './modules/users/repository';
import type { TRole } from './modules/users/schema';
import { createUsersService } from './modules/users/service';

export { bootstrapPlatform } from './bootstrap';

export type ServiceConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlDays: number;
  defaultProductId: string;
  /**
   * How long a verified session, user or API token is trusted without a store read (roadmap §2.7 risk 3):
   * a revocation made on another instance takes effect within this window; on this instance at once.
   */
  sessionCacheTtlMs?: number;
  /** Names this process in event claims, job runs and leases; default random. */
  instanceId?: string;
  /** How often the job runner evaluates schedules (roadmap §2.1); default 60 s. */
  jobTickIntervalMs?: number;
  /** Event bus dispatcher settings (see DurableBusOptions); `dispatch: false` leaves delivery to others. */
  events?: { dispatch?: boolean; pollIntervalMs?: number; claimTtlMs?: number };
  billing?: BillingConfig;
};

export type ServiceDeps = {
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  config: ServiceConfig;
  logger?: BusLogger;
  /** Ids, codes and sampling draw from this; default Math.random. */
  random?: () => number;
};

/** What the request path remembers about a signed-in session for up to 30 s (roadmap §2.7 risk #3). */
export type PrincipalSnapshot = { email: string; roles: TRole[]; productId: string } | null;

/** Wires repositories and services over the given drivers; no module-level state, so tests build their own. */
export const createServices = (deps: ServiceDeps) => {
  const { store, clock, config } = deps;
  const cacheTtlMs = config.sessionCacheTtlMs ?? 30_000;
  const principalCache = createTtlCache<PrincipalSnapshot>({ ttlMs: cacheTtlMs, clock });
  const forget = (userId: string, sessionId?: string) =>
    principalCache.deletePrefix(sessionId ? `${userId}:${sessionId}` : `${userId}:`);

  const instanceId = config.instanceId ?? `api-${randomId(6)}`;
  const bus = createDurableBus({
    store,
    clock,
    instanceId,
    ...config.events,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  const products = createProductsService({
    repo: createProductsRepository(store),
    clock,
    defaultProductId: config.defaultProductId,
    bus,
  });
  const sessions = createSessionsService({
    repo: createSessionsRepository(store),
    clock,
    ttlDays: config.sessionTtlDays,
    onInvalidate: forget,
    bus,
  });
  const tokens = createTokensService({ repo: createTokensRepository(store), clock, cacheTtlMs, bus });
  const audit = createAuditService({ repo: createAuditRepository(store), clock });
  const usersRepo = createUsersRepository(store);
  const users = createUsersService({
    repo: usersRepo,
    sessions,
    clock,
    deleteTokensOf: tokens.deleteCreatedBy,
    leases: createLeaseManager(store, { clock }),
    onInvalidate: (userId) => forget(userId),
    bus,
  });
  const auth = createAuthService({
    users,
    sessions,
    products,
    clock,
    jwtSecret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  });
  bus.subscribe(auditSubscriber(audit));
  const events = createEventsService({
    repo: createEventsRepository(store),
    store,
    clock,
    subscribers: () => bus.subscribers(),
  });
  const system = createSystemService({ clock, users, products, tokens, sessions, audit });
  const jobsRepo = createJobsRepository(store);
  const jobRegistry = withAppErrors(createJobRegistry());
  const moduleDeps: ModuleDeps = {
    store,
    blob: deps.blob,
    clock,
    random: deps.random ?? Math.random,
    bus,
    jobRegistry,
    defaultProductId: config.defaultProductId,
    userExists: async (productId, userId) => (await usersRepo.get(productId, userId)) !== undefined,
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const billing = createBillingModule({ ...moduleDeps, config: config.billing ?? {} });
  const licenses = createLicensesModule({ ...moduleDeps, billing });
  const blobs = createBlobModule(moduleDeps);
  const growth = createGrowthModule(moduleDeps);
  const flags = createFlagsModule(moduleDeps);
  const settings = createSettingsModule(moduleDeps);
  const telemetry = createTelemetryModule(moduleDeps);
  const notifications = createNotificationsModule(moduleDeps);
  const tracker = createTrackerModule(moduleDeps);
  jobRegistry.register(createStaleSessionCleanupJob({ sessions }));
  jobRegistry.register(deadLetterSweep({ events, bus }));
  const jobRunner = createJobRunner({
    repo: jobsRepo,
    registry: jobRegistry,
    leases: createLeaseManager(store, { clock }),
    clock,
    random: Math.random,
    instanceId,
    bus,
    tickIntervalMs: config.jobTickIntervalMs ?? 60_000,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const jobs = createJobsService({ repo: jobsRepo, registry: jobRegistry, runner: jobRunner, clock });

  return {
    store,
    blob: deps.blob,
    clock,
    config,
    principalCache,
    bus,
    events,
    products,
    sessions,
    tokens,
    audit,
    users,
    auth,
    system,
    jobs,
    jobRegistry,
    jobRunner,
    billing,
    licenses,
    blobs,
    growth,
    flags,
    settings,
    telemetry,
    notifications,
    tracker,
  };
};

export type Services = ReturnType<typeof createServices>;
