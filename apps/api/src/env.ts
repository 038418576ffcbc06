import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCidrList } from '@bytelyst/routers/lib/outbound';
import { z } from 'zod';

/**
 * The API's only reader of `process.env`: every setting is parsed here once, with its default, and the
 * rest of the app receives the typed result. `.env.example` at the repo root lists the same variables.
 */

const bool = (fallback: boolean) => z.stringbool().default(fallback);
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );

/**
 * The repo's `docs/`, from this file's folder: `apps/api/src` when run from source, `apps/api/dist` when
 * bundled (the image keeps the same layout under /repo).
 */
export const DEFAULT_DOCS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs');

const ZRawEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().optional(),
  CONSOLE_URL: z.url().default('http://127.0.0.1:3001'),
  CORS_ORIGINS: list('http://127.0.0.1:3001,http://localhost:3001'),
  /**
   * Peers whose X-Forwarded-For is believed (proxy-addr syntax: names, addresses, CIDRs). The console's /trpc
   * proxy runs on loopback and forwards the browser's address, which the audit log records.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The Markdown the console's docs browser shows and admin search indexes (default: the repo's docs/). */
  DOCS_DIR: z.string().min(1).default(DEFAULT_DOCS_DIR),
  /** The operator's guide the docs browser shows beside docs/ (default: the repo's README.md; `off`: none). */
  DOCS_README: z
    .string()
    .min(1)
    .default(path.join(DEFAULT_DOCS_DIR, '..', 'README.md'))
    .transform((value) => (value === 'off' ? undefined : value)),
  /** Names this process in event claims, job runs and leases (default: random per start). */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),

  DB_DRIVER: z.enum(['sqlite', 'cosmos']).default('sqlite'),
  SQLITE_PATH: z.string().min(1).optional(),
  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z.string().min(1).default('bytelyst'),
  COSMOS_ALLOW_SELF_SIGNED: bool(false),

  BLOB_DRIVER: z.enum(['fs', 'azure']).default('fs'),
  BLOB_FS_ROOT: z.string().min(1).optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  BLOB_SIGNING_SECRET: z.string().min(16).optional(),
  /**
   * Origin of every public asset URL (avatar variants, release binaries) when a CDN fronts storage; unset: the
   * API's own `/blobs/assets/...` on fs, the storage account's `/assets/...` on Azure.
   */
  CDN_BASE_URL: z
    .url()
    .optional()
    .transform((url) => url?.replace(/\/+$/, '')),

  JWT_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(900, 30),
  DEFAULT_PRODUCT_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('bytelyst'),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),

  // Platform settings.
  JOB_RUNNER_ENABLED: bool(true),
  JOB_TICK_INTERVAL_MS: int(60_000, 100),
  // Event bus: dispatching can be turned off per process, as the job runner can.
  EVENT_DISPATCHER_ENABLED: bool(true),
  EVENT_POLL_INTERVAL_MS: int(1000, 50),
  EVENT_CLAIM_TTL_MS: int(60_000, 1000),
  // Maintenance mode's starting value for products whose admins have not set one (per product, in the
  // console's /ops/maintenance or PUT /v1/settings/maintenance), and the CIDRs that bypass it.
  MAINTENANCE_MODE: z.enum(['off', 'read_only', 'maintenance', 'emergency']).default('off'),
  MAINTENANCE_BYPASS_IPS: z.string().default(''),
  // Migrations: approving an irreversible one needs a confirmed backup; with no backup facility in the platform,
  // true says backups are taken outside it (the approving super_admin confirms one); false asks the backups module.
  MIGRATIONS_BACKUPS_EXTERNAL: bool(false),
  // Backups (module backups): the scheduled backup's cron (UTC), the pruning policy (the newest KEEP_COUNT always
  // stay; beyond them a backup older than KEEP_DAYS goes), and how fresh a verified backup an irreversible
  // migration needs.
  BACKUP_SCHEDULE: z.string().trim().min(9).default('30 2 * * *'),
  BACKUP_KEEP_COUNT: int(7, 1),
  BACKUP_KEEP_DAYS: int(30, 0),
  BACKUP_MIGRATION_MAX_AGE_HOURS: int(24, 1),
  SESSION_TTL_DAYS: int(90, 1),
  SESSION_CACHE_TTL_MS: int(30_000),
  SWAGGER_UI_ENABLED: z.stringbool().optional(),
  /** Encrypts secrets at rest (SSO client secrets, webhook secrets); generated into DATA_DIR outside production. */
  ENCRYPTION_KEY: z.string().optional(),
  /** Earlier ENCRYPTION_KEYs, comma-separated: stored secrets sealed under them still open until re-encrypted. */
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),

  // Secrets management (README "Secrets"): where values live, the recovery window and the expiry reminder.
  SECRETS_DRIVER: z.enum(['store', 'keyvault']).default('store'),
  AZURE_KEYVAULT_URL: z.url().optional(),
  SECRETS_RECOVERY_DAYS: int(7, 1),
  SECRETS_REMINDER_DAYS: int(30, 1),

  // Account emails: the link bases of the reset and verification mails (the token is appended as ?token=).
  PASSWORD_RESET_URL_BASE: z.url().optional(),
  EMAIL_VERIFY_URL_BASE: z.url().optional(),
  // The page of the new sign-in mail's "this wasn't me" link (the token is appended as ?token=).
  SESSION_REPORT_URL_BASE: z.url().optional(),
  // Organizations: the accept page of the invitation mail (?token=... appended) and how long its link works.
  ORG_INVITE_URL_BASE: z.url().optional(),
  ORG_INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Account self-service: days between a user's "delete my account" and the deletion (signing in cancels it).
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(1).max(365).default(14),

  // SSO: where issuers may be reached (public | private | loopback), and http:// issuers (loopback only).
  SSO_ISSUER_NETWORK: z.enum(['public', 'private', 'loopback']).default('public'),
  SSO_ALLOW_HTTP_ISSUERS: bool(false),

  // Outgoing webhooks: per-attempt timeout, retries after the first attempt (10 s, 60 s, 300 s, ...), and
  // internal ranges receivers may live in (comma-separated CIDRs; otherwise public addresses only).
  WEBHOOK_DELIVERY_TIMEOUT_MS: int(5000, 100),
  WEBHOOK_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  WEBHOOK_ALLOWED_CIDRS: z.string().default(''),

  // Billing: without a secret key the Stripe endpoints answer 503.
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_BASE: z.url().optional(),
  BILLING_PORTAL_RETURN_URL: z.url().optional(),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: int(300, 1),

  // Delivery: email and push.
  EMAIL_DRIVER: z.enum(['outbox', 'sendgrid', 'smtp']).default('outbox'),
  EMAIL_FALLBACK_DRIVER: z.enum(['sendgrid', 'smtp']).optional(),
  SENDGRID_API_KEY: z.string().min(1).optional(),
  SENDGRID_API_BASE: z.url().optional(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(1).optional(),
  SMTP_URL: z.url().optional(),
  EMAIL_FROM_ADDRESS: z.email().default('no-reply@bytelyst.local'),
  EMAIL_FROM_NAME: z.string().min(1).optional(),
  PUBLIC_APP_URL: z.url().optional(),
  PUSH_DRIVER: z.enum(['log', 'fcm', 'apns']).default('log'),
  FCM_SERVICE_ACCOUNT_JSON: z.string().min(1).optional(),
  APNS_KEY_ID: z.string().min(1).optional(),
  APNS_TEAM_ID: z.string().min(1).optional(),
  APNS_KEY_PATH: z.string().min(1).optional(),
  APNS_HOST: z.url().optional(),
  APNS_TOPIC: z.string().min(1).optional(),
  DELIVERY_QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/, 'Expected off or hours such as 22-8')
    .default('22-8'),
  DELIVERY_DAILY_CAP: int(5, 1),
});

type RawEnv = z.infer<typeof ZRawEnv>;

/** Every variable the API reads (`.env.example` lists the same set). */
export const ENV_KEYS: readonly string[] = Object.keys(ZRawEnv.shape);

export type Env = Omit<
  RawEnv,
  | 'PUBLIC_BASE_URL'
  | 'SQLITE_PATH'
  | 'BLOB_FS_ROOT'
  | 'SWAGGER_UI_ENABLED'
  | 'PASSWORD_RESET_URL_BASE'
  | 'EMAIL_VERIFY_URL_BASE'
  | 'SESSION_REPORT_URL_BASE'
  | 'ORG_INVITE_URL_BASE'
> & {
  PUBLIC_BASE_URL: string;
  PASSWORD_RESET_URL_BASE: string;
  EMAIL_VERIFY_URL_BASE: string;
  SESSION_REPORT_URL_BASE: string;
  ORG_INVITE_URL_BASE: string;
  SQLITE_PATH: string;
  BLOB_FS_ROOT: string;
  SWAGGER_UI_ENABLED: boolean;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}

/** Rules that span several variables; each message names the variable to set. */
const crossFieldProblems = (env: RawEnv): string[] => {
  const problems: string[] = [];
  if (env.DB_DRIVER === 'cosmos') {
    if (!env.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT is required when DB_DRIVER=cosmos');
    if (!env.COSMOS_KEY) problems.push('COSMOS_KEY is required when DB_DRIVER=cosmos');
  }
  if (env.BLOB_DRIVER === 'azure' && !env.AZURE_STORAGE_CONNECTION_STRING) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING is required when BLOB_DRIVER=azure');
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (env.SECRETS_DRIVER === 'keyvault' && !env.AZURE_KEYVAULT_URL) {
    problems.push('AZURE_KEYVAULT_URL is required when SECRETS_DRIVER=keyvault');
  }
  for (const key of env.ENCRYPTION_KEY_PREVIOUS?.split(',') ?? []) {
    if (key.trim().length < 32)
      problems.push('ENCRYPTION_KEY_PREVIOUS: each key must be at least 32 characters');
  }
  if (env.ENCRYPTION_KEY !== undefined && env.ENCRYPTION_KEY.length < 32) {
    problems.push('ENCRYPTION_KEY must be at least 32 characters');
  }
  if ((env.EMAIL_DRIVER === 'smtp' || env.EMAIL_FALLBACK_DRIVER === 'smtp') && !env.SMTP_URL) {
    problems.push('SMTP_URL is required when EMAIL_DRIVER or EMAIL_FALLBACK_DRIVER is smtp');
  }
  if (env.EMAIL_FALLBACK_DRIVER !== undefined && env.EMAIL_FALLBACK_DRIVER === env.EMAIL_DRIVER) {
    problems.push('EMAIL_FALLBACK_DRIVER must differ from EMAIL_DRIVER');
  }
  // The integration keys themselves (SENDGRID_API_KEY, FCM_SERVICE_ACCOUNT_JSON, the APNs key) may come from the
  // secrets store instead: `integrationKeyProblems` checks them once the store is open.
  if (env.PUSH_DRIVER === 'apns') {
    for (const key of ['APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC'] as const) {
      if (!env[key]) problems.push(`${key} is required when PUSH_DRIVER=apns`);
    }
  }
  try {
    parseCidrList(env.WEBHOOK_ALLOWED_CIDRS);
  } catch (error) {
    problems.push(`WEBHOOK_ALLOWED_CIDRS: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    parseCidrList(env.MAINTENANCE_BYPASS_IPS);
  } catch (error) {
    problems.push(`MAINTENANCE_BYPASS_IPS: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (env.SSO_ALLOW_HTTP_ISSUERS && env.SSO_ISSUER_NETWORK !== 'loopback') {
    problems.push('SSO_ALLOW_HTTP_ISSUERS=true needs SSO_ISSUER_NETWORK=loopback (http only to a local IdP)');
  }
  if (env.NODE_ENV === 'production') {
    if (env.JWT_SECRET === undefined) problems.push('JWT_SECRET is required when NODE_ENV=production');
    if (env.ENCRYPTION_KEY === undefined)
      problems.push('ENCRYPTION_KEY is required when NODE_ENV=production');
    if (env.BLOB_DRIVER === 'fs' && env.BLOB_SIGNING_SECRET === undefined) {
      problems.push('BLOB_SIGNING_SECRET is required when NODE_ENV=production and BLOB_DRIVER=fs');
    }
  }
  return problems;
};

/** Parses a set of variables (process.env in production, a literal in tests); throws `EnvError` naming each bad one. */
export const parseEnv = (source: Record<string, string | undefined>): Env => {
  // An empty assignment (`FOO=`) means "unset", as in most dotenv tooling.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = ZRawEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const raw = parsed.data;
  const problems = crossFieldProblems(raw);
  if (problems.length > 0) throw new EnvError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  const publicHost = raw.HOST === '0.0.0.0' || raw.HOST === '::' ? '127.0.0.1' : raw.HOST;
  return {
    ...raw,
    PUBLIC_BASE_URL: (raw.PUBLIC_BASE_URL ?? `http://${publicHost}:${raw.PORT}`).replace(/\/+$/, ''),
    SQLITE_PATH: raw.SQLITE_PATH ?? path.join(raw.DATA_DIR, 'platform.db'),
    BLOB_FS_ROOT: raw.BLOB_FS_ROOT ?? path.join(raw.DATA_DIR, 'blobs'),
    SWAGGER_UI_ENABLED: raw.SWAGGER_UI_ENABLED ?? raw.NODE_ENV !== 'production',
    PASSWORD_RESET_URL_BASE:
      raw.PASSWORD_RESET_URL_BASE ?? `${raw.CONSOLE_URL.replace(/\/+$/, '')}/reset-password`,
    EMAIL_VERIFY_URL_BASE: raw.EMAIL_VERIFY_URL_BASE ?? `${raw.CONSOLE_URL.replace(/\/+$/, '')}/verify-email`,
    SESSION_REPORT_URL_BASE:
      raw.SESSION_REPORT_URL_BASE ?? `${raw.CONSOLE_URL.replace(/\/+$/, '')}/session-report`,
    ORG_INVITE_URL_BASE: raw.ORG_INVITE_URL_BASE ?? `${raw.CONSOLE_URL.replace(/\/+$/, '')}/accept-invite`,
  };
};

/** The process environment, parsed. Call once, in `main.ts`. */
export const loadEnv = (): Env => parseEnv(process.env);
