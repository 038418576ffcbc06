import type { BlobStore } from '@bytelyst/db/blob';
import { PLATFORM_CONTAINERS } from '@bytelyst/db/containers';
import type { Clock, ContainerDef, DocumentStore } from '@bytelyst/db/document-store';
import { createLeaseManager, type LeaseManager } from '@bytelyst/db/leases';
import { createRateCounters } from '@bytelyst/db/rate-counters';
import { createDurableBus } from '@bytelyst/events/durable-bus';
import type { BusLogger } from '@bytelyst/events/logger';
import { createJobRegistry, type JobRegistry } from '@bytelyst/scheduler/registry';
import { createJobsRepository, type JobsRepository } from '@bytelyst/scheduler/repository';
import { createJobRunner } from '@bytelyst/scheduler/runner';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { type BrandThemes, createBrandThemesSlot } from './lib/brand-themes';
import { randomId } from './lib/crypto';
import { createDunningBannerSlot, type DunningBanner } from './lib/dunning-banner';
import { createEmailStringsSlot, type EmailStringsSource } from './lib/email-strings';
import { createJobTriggerSlot, type JobTrigger } from './lib/job-trigger';
import { createAccessTokenVerifier } from './lib/jwt';
import { createLegalHoldsSlot, type LegalHolds } from './lib/legal-holds';
import { createSecretBox, encryptionKeyOf } from './lib/secret-box';
import { moduleList, type PlatformDeps } from './module';
import type { AccountConfig } from './modules/account/config';
import { accountModule } from './modules/account/module';
import { analyticsModule } from './modules/analytics/module';
import { apiVersionsModule } from './modules/api-versions/module';
import type { ApiVersionsConfig } from './modules/api-versions/service';
import { assetsModule } from './modules/assets/module';
import { auditModule } from './modules/audit/module';
import type { IdentityConfig } from './modules/auth/config';
import { authModule } from './modules/auth/module';
import { createPrincipalCache, type PrincipalCache } from './modules/auth/principal-cache';
import type { BackupsConfig } from './modules/backups/config';
import { backupsModule } from './modules/backups/module';
import type { BillingConfig } from './modules/billing/config';
import { billingModule } from './modules/billing/module';
import { blobsModule } from './modules/blob/module';
import { changelogModule } from './modules/changelog/module';
import type { DeliveryConfig } from './modules/delivery/config';
import { deliveryModule } from './modules/delivery/module';
import { docsModule } from './modules/docs/module';
import { dunningModule } from './modules/dunning/module';
import { eventTimelineModule } from './modules/event-timeline/module';
import { eventsModule } from './modules/events/module';
import { experimentsModule } from './modules/experiments/module';
import { exportsModule } from './modules/exports/module';
import { feedbackModule } from './modules/feedback/module';
import { flagsModule } from './modules/flags/module';
import { growthModule } from './modules/growth/module';
import { i18nModule } from './modules/i18n/module';
import { createJobsService, toAppError, withAppErrors } from './modules/jobs/service';
import { licensesModule } from './modules/licenses/module';
import { type MaintenanceConfigOptions, maintenanceModule } from './modules/maintenance/module';
import { memoryModule } from './modules/memory/module';
import type { BackupCheck, MigrationsConfig } from './modules/migrations/config';
import { migrationsModule } from './modules/migrations/module';
import { notificationsModule } from './modules/notifications/module';
import { type OrgsConfig, orgsModule } from './modules/orgs/module';
import { productsModule } from './modules/products/module';
import { promosModule } from './modules/promos/module';
import type { RateLimitConfig } from './modules/ratelimit/config';
import { ratelimitModule } from './modules/ratelimit/module';
import { retentionModule } from './modules/retention/module';
import { roadmapModule } from './modules/roadmap/module';
import { searchModule } from './modules/search/module';
import type { SecretsConfig } from './modules/secrets/config';
import { secretsModule } from './modules/secrets/module';
import { sessionsModule } from './modules/sessions/module';
import { settingsModule } from './modules/settings/module';
import type { SsoConfig } from './modules/sso/config';
import { ssoModule } from './modules/sso/module';
import type { StatusConfig } from './modules/status/config';
import { statusModule } from './modules/status/module';
import { systemModule } from './modules/system/module';
import { telemetryModule } from './modules/telemetry/module';
import { themesModule } from './modules/themes/module';
import { tokensModule } from './modules/tokens/module';
import { trackerModule } from './modules/tracker/module';
import { usersModule } from './modules/users/module';
import type { WebhooksConfig } from './modules/webhooks/config';
import { webhooksModule } from './modules/webhooks/module';

export type ServiceConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlDays: number;
  defaultProductId: string;
  /**
   * How long a verified session, user or API token is trusted without a store read: a revocation made on
   * another instance takes effect within this window; on this instance at once.
   */
  sessionCacheTtlMs?: number;
  /** Names this process in event claims, job runs and leases; default random. */
  instanceId?: string;
  /** How often the job runner evaluates schedules; default 60 s. */
  jobTickIntervalMs?: number;
  /** Event bus dispatcher settings (see DurableBusOptions); `dispatch: false` leaves delivery to others. */
  events?: { dispatch?: boolean; pollIntervalMs?: number; claimTtlMs?: number };
  billing?: BillingConfig;
  delivery?: DeliveryConfig;
  /**
   * Origin of every public asset URL (avatar variants, release binaries) when a CDN fronts storage
   * (CDN_BASE_URL); default the blob store's own: the API's `/blobs/...` on fs, the account's URL on Azure.
   */
  cdnBaseUrl?: string;
  /** Signs the fs blob driver's URLs; with it, the blob module serves them (`/blobs/...`). */
  blobSigningSecret?: string;
  /** Key of the secrets kept in the store (lib/secret-box.ts); default: derived from jwtSecret. */
  encryptionKey?: string;
  identity?: IdentityConfig;
  /** The account self-service's deletion grace period (account module). */
  account?: AccountConfig;
  sso?: SsoConfig;
  webhooks?: WebhooksConfig;
  /** Maintenance mode's starting value for products that stored none (MAINTENANCE_MODE, MAINTENANCE_BYPASS_IPS). */
  maintenance?: MaintenanceConfigOptions;
  status?: StatusConfig;
  ratelimit?: RateLimitConfig;
  /** Extra migrations and the backup precondition of irreversible ones (see modules/migrations/config.ts). */
  migrations?: MigrationsConfig;
  /** Schedule, pruning and the migration precondition of backups (see modules/backups/config.ts). */
  backups?: BackupsConfig;
  /** The org invitation link's page and lifetime (orgs module). */
  orgs?: OrgsConfig;
  /** The REST face's version registry and how often deprecated-version usage is written (api-versions module). */
  apiVersions?: ApiVersionsConfig;
  /** Where the docs browser reads its Markdown (DOCS_DIR), and single files by slug (the README); else no docs. */
  docs?: { dir?: string; files?: Readonly<Record<string, string>> };
  /** Driver, key rotation, recovery window and reminders of the secrets module. */
  secrets?: SecretsConfig;
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

/**
 * The platform in dependency order: each module gets the services of the modules above it. Adding a module
 * is one line here (see docs/architecture.md).
 */
const MODULES = moduleList<{
  principals: PrincipalCache;
  leases: LeaseManager;
  /** Filled with every module's jobs once the list is built; maintenance holds and resumes them. */
  jobRegistry: JobRegistry;
  jobsRepo: JobsRepository;
  /** Starts a registered job now; bound to the job runner once it is built (after the modules). */
  jobTrigger: JobTrigger;
  /** Who is under a legal hold; bound to the retention module once it is built (after the modules that ask). */
  legalHolds: LegalHolds;
  /** The recipient's locale and mail strings; bound to the i18n module once it is built (after delivery). */
  emailStrings: EmailStringsSource;
  /** A product's published theme, for mail; bound to the themes module once it is built (after delivery). */
  brandThemes: BrandThemes;
  /** The dunning banner on a subscription; bound to the dunning module once it is built (after billing). */
  dunningBanner: DunningBanner;
}>()
  .add(productsModule)
  .add(sessionsModule)
  .add(tokensModule)
  .add(auditModule)
  .add(usersModule)
  .add(eventsModule)
  .add(systemModule)
  .add(billingModule)
  .add(licensesModule)
  .add(blobsModule)
  .add(growthModule)
  .add(flagsModule)
  .add(settingsModule)
  .add(telemetryModule)
  .add(notificationsModule)
  .add(trackerModule)
  .add(deliveryModule)
  .add(authModule)
  .add(ssoModule)
  .add(webhooksModule)
  .add(statusModule)
  .add(maintenanceModule)
  .add(ratelimitModule)
  .add(feedbackModule)
  .add(experimentsModule)
  .add(migrationsModule)
  .add(exportsModule)
  .add(analyticsModule)
  .add(retentionModule)
  .add(changelogModule)
  .add(roadmapModule)
  .add(i18nModule)
  .add(apiVersionsModule)
  .add(themesModule)
  .add(assetsModule)
  .add(memoryModule)
  .add(dunningModule)
  .add(promosModule)
  .add(orgsModule)
  .add(eventTimelineModule)
  .add(backupsModule)
  .add(secretsModule)
  .add(docsModule)
  .add(searchModule)
  .add(accountModule);

/** Every container: the platform's own (bus, jobs, leases) and each module's; `DocumentStore.init` takes this. */
export const ALL_CONTAINERS: readonly ContainerDef[] = [...PLATFORM_CONTAINERS, ...MODULES.containers()];

/** Builds the platform over the given drivers; no module-level state, so tests build their own. */
export const createServices = (deps: ServiceDeps) => {
  const { store, clock, config } = deps;
  const random = deps.random ?? Math.random;
  const logger = deps.logger ? { logger: deps.logger } : {};
  const instanceId = config.instanceId ?? `api-${randomId(6)}`;
  const leases = createLeaseManager(store, { clock });
  const bus = createDurableBus({ store, clock, random, instanceId, leases, ...config.events, ...logger });
  const principalCache = createPrincipalCache({ ttlMs: config.sessionCacheTtlMs ?? 30_000, clock });
  const verifyAccessToken = createAccessTokenVerifier(config.jwtSecret);
  const rateCounters = createRateCounters(store, { clock });
  const secretBox = createSecretBox(encryptionKeyOf(config));
  // Migrations come before backups in the list, so their backup precondition reaches the backups module
  // through this late binding. A check given in config, or MIGRATIONS_BACKUPS_EXTERNAL, takes precedence.
  let backupCheck: BackupCheck | undefined;
  const migrations: MigrationsConfig = {
    ...config.migrations,
    ...(config.migrations?.backupCheck || config.migrations?.backupsExternal
      ? {}
      : {
          backupCheck: () =>
            backupCheck
              ? backupCheck()
              : Promise.resolve({ ok: false as const, reason: 'Backups are not ready' }),
        }),
  };
  const platformDeps: PlatformDeps = {
    store,
    blob: deps.blob,
    clock,
    random,
    bus,
    // Modules see the name this process goes by (the status monitors compare it with the leader lease's holder).
    config: { ...config, instanceId, migrations },
    rateCounters,
    secretBox,
    ...logger,
  };
  const jobsRepo = createJobsRepository(store);
  const jobRegistry = withAppErrors(createJobRegistry());
  const jobTrigger = createJobTriggerSlot();
  const legalHolds = createLegalHoldsSlot();
  const emailStrings = createEmailStringsSlot();
  const brandThemes = createBrandThemesSlot();
  const dunningBanner = createDunningBannerSlot();
  const {
    services,
    subscribers,
    jobs: moduleJobs,
    routes,
    workers,
  } = MODULES.compose(platformDeps, {
    principals: principalCache,
    leases,
    jobRegistry,
    jobsRepo,
    jobTrigger,
    legalHolds,
    emailStrings,
    brandThemes,
    dunningBanner,
  });
  legalHolds.bind(services.retention.heldUsers);
  emailStrings.bind(services.i18n.emailStrings);
  brandThemes.bind(services.themes.publishedTokens);
  dunningBanner.bind(services.dunning.banner);
  backupCheck = services.backups.backupCheck;
  for (const subscriber of subscribers) bus.subscribe(subscriber);
  for (const job of moduleJobs) jobRegistry.register(job);
  const jobRunner = createJobRunner({
    repo: jobsRepo,
    registry: jobRegistry,
    leases,
    clock,
    random,
    instanceId,
    bus,
    tickIntervalMs: config.jobTickIntervalMs ?? 60_000,
    ...logger,
  });
  const jobs = createJobsService({ repo: jobsRepo, registry: jobRegistry, runner: jobRunner, clock });
  jobTrigger.bind({
    trigger: (name, actor, opts) => jobs.trigger(PLATFORM_PRODUCT_ID, name, actor, opts),
    // Any job's slot, the product's own jobs too: the caller found the run in the product it recovers.
    rerunSkipped: (name, runId, actor) =>
      jobRunner.rerunSkipped(name, runId, actor).catch((error: unknown) => {
        throw toAppError(error);
      }),
  });

  return {
    ...services,
    store,
    blob: deps.blob,
    clock,
    config,
    principalCache,
    legalHolds,
    /** Access tokens on the request path (verified ones remembered until they expire). */
    verifyAccessToken,
    rateCounters,
    secretBox,
    bus,
    jobs,
    jobRegistry,
    jobRunner,
    /** Every module's plain HTTP routes, served by the API beside the procedures. */
    routes,
    /** Every module's background loops, started and stopped beside the event dispatcher. */
    workers,
  };
};

export type Services = ReturnType<typeof createServices>;
