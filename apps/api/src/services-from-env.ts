import { readFileSync } from 'node:fs';
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { Migration } from '@bytelyst/db/migrations/definition';
import type { ApiVersionRegistry } from '@bytelyst/routers/lib/api-versions';
import { type Connector, parseCidrList } from '@bytelyst/routers/lib/outbound';
import type { DeliveryConfig } from '@bytelyst/routers/modules/delivery/config';
import { createServices, type Services } from '@bytelyst/routers/services';
import type { FastifyBaseLogger } from 'fastify';
import type { Env } from './env';
import { secretsConfigFromEnv } from './integration-secrets';
import type { Secrets } from './secrets';

type Deps = {
  env: Env;
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  logger?: FastifyBaseLogger;
  /** The connect step of the outbound guard (SSO, webhooks, status monitors); tests pass one that refuses anything but loopback. */
  outboundConnect?: Connector;
  /** Run after the platform's migrations (the e2e server's fixtures). */
  extraMigrations?: readonly Migration[];
  /** The REST face's versions; default `DEFAULT_API_VERSIONS` (tests and the e2e server add older ones). */
  apiVersions?: ApiVersionRegistry;
  /** The APNs key from the stored secret APNS_KEY (see integration-secrets.ts). */
  apnsPrivateKey?: string;
};

/**
 * Delivery's settings from env; the APNs key file is read here, once, at start-up (or the key comes from the
 * stored secret APNS_KEY when APNS_KEY_PATH is unset).
 */
export const deliveryFromEnv = (env: Env, apnsPrivateKey?: string): DeliveryConfig => {
  const [start, end] =
    env.DELIVERY_QUIET_HOURS === 'off' ? [] : env.DELIVERY_QUIET_HOURS.split('-').map(Number);
  return {
    email: {
      driver: env.EMAIL_DRIVER,
      ...(env.EMAIL_FALLBACK_DRIVER ? { fallback: env.EMAIL_FALLBACK_DRIVER } : {}),
      sendgrid: {
        ...(env.SENDGRID_API_KEY ? { apiKey: env.SENDGRID_API_KEY } : {}),
        ...(env.SENDGRID_API_BASE ? { apiBase: env.SENDGRID_API_BASE } : {}),
      },
      smtp: env.SMTP_URL ? { url: env.SMTP_URL } : {},
    },
    push: {
      driver: env.PUSH_DRIVER,
      fcm: env.FCM_SERVICE_ACCOUNT_JSON ? { serviceAccountJson: env.FCM_SERVICE_ACCOUNT_JSON } : {},
      apns: {
        ...(env.APNS_KEY_ID ? { keyId: env.APNS_KEY_ID } : {}),
        ...(env.APNS_TEAM_ID ? { teamId: env.APNS_TEAM_ID } : {}),
        ...(env.APNS_KEY_PATH
          ? { privateKey: readFileSync(env.APNS_KEY_PATH, 'utf8') }
          : apnsPrivateKey
            ? { privateKey: apnsPrivateKey }
            : {}),
        ...(env.APNS_HOST ? { host: env.APNS_HOST } : {}),
      },
    },
    fromAddress: env.EMAIL_FROM_ADDRESS,
    ...(env.EMAIL_FROM_NAME ? { fromName: env.EMAIL_FROM_NAME } : {}),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    appUrl: env.PUBLIC_APP_URL ?? env.CONSOLE_URL,
    quietHours: start === undefined || end === undefined ? null : { start, end },
    dailyCap: env.DELIVERY_DAILY_CAP,
    ...(env.SENDGRID_WEBHOOK_PUBLIC_KEY ? { sendgridWebhookPublicKey: env.SENDGRID_WEBHOOK_PUBLIC_KEY } : {}),
    ...(env.APNS_TOPIC ? { apnsTopic: env.APNS_TOPIC } : {}),
  };
};

/** The platform's services over the given drivers, with every setting the env gives them. */
export const servicesFromEnv = (deps: Deps, secrets: Secrets): Services =>
  createServices({
    store: deps.store,
    blob: deps.blob,
    clock: deps.clock,
    config: {
      jwtSecret: secrets.jwtSecret,
      blobSigningSecret: secrets.blobSigningSecret,
      ...(deps.env.CDN_BASE_URL ? { cdnBaseUrl: deps.env.CDN_BASE_URL } : {}),
      encryptionKey: secrets.encryptionKey,
      docs: {
        dir: deps.env.DOCS_DIR,
        ...(deps.env.DOCS_README ? { files: { readme: deps.env.DOCS_README } } : {}),
      },
      orgs: { inviteUrlBase: deps.env.ORG_INVITE_URL_BASE, inviteTtlDays: deps.env.ORG_INVITE_TTL_DAYS },
      account: { deletionGraceDays: deps.env.ACCOUNT_DELETION_GRACE_DAYS },
      identity: {
        passwordResetUrlBase: deps.env.PASSWORD_RESET_URL_BASE,
        emailVerifyUrlBase: deps.env.EMAIL_VERIFY_URL_BASE,
        sessionReportUrlBase: deps.env.SESSION_REPORT_URL_BASE,
      },
      sso: {
        network: deps.env.SSO_ISSUER_NETWORK,
        allowHttp: deps.env.SSO_ALLOW_HTTP_ISSUERS,
        defaultRedirectUri: `${deps.env.CONSOLE_URL.replace(/\/+$/, '')}/api/sso/callback`,
        ...(deps.outboundConnect ? { connect: deps.outboundConnect } : {}),
      },
      webhooks: {
        timeoutMs: deps.env.WEBHOOK_DELIVERY_TIMEOUT_MS,
        maxRetries: deps.env.WEBHOOK_MAX_RETRIES,
        allowedCidrs: parseCidrList(deps.env.WEBHOOK_ALLOWED_CIDRS),
        requireHttps: deps.env.NODE_ENV === 'production',
        consoleUrl: deps.env.CONSOLE_URL,
        ...(deps.outboundConnect ? { connect: deps.outboundConnect } : {}),
      },
      status: {
        // Monitors reach what webhooks reach: the same WEBHOOK_ALLOWED_CIDRS, https in production.
        allowedCidrs: parseCidrList(deps.env.WEBHOOK_ALLOWED_CIDRS),
        requireHttps: deps.env.NODE_ENV === 'production',
        consoleUrl: deps.env.CONSOLE_URL,
        ...(deps.outboundConnect ? { connect: deps.outboundConnect } : {}),
      },
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
      delivery: deliveryFromEnv(deps.env, deps.apnsPrivateKey),
      secrets: secretsConfigFromEnv(deps.env),
      migrations: {
        backupsExternal: deps.env.MIGRATIONS_BACKUPS_EXTERNAL,
        ...(deps.extraMigrations ? { extra: deps.extraMigrations } : {}),
      },
      ...(deps.apiVersions ? { apiVersions: { registry: deps.apiVersions } } : {}),
      backups: {
        schedule: deps.env.BACKUP_SCHEDULE,
        keepCount: deps.env.BACKUP_KEEP_COUNT,
        keepDays: deps.env.BACKUP_KEEP_DAYS,
        migrationMaxAgeHours: deps.env.BACKUP_MIGRATION_MAX_AGE_HOURS,
      },
      maintenance: {
        mode: deps.env.MAINTENANCE_MODE,
        bypassIps: parseCidrList(deps.env.MAINTENANCE_BYPASS_IPS),
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
