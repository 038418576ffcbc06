import type { SecretsConfig } from '@bytelyst/routers/modules/secrets/config';
import type { Env } from './env';

/** The platform's own integration keys that a platform-wide secret of the same name can provide. */
export const INTEGRATION_SECRETS = [
  'SENDGRID_API_KEY',
  'SENDGRID_WEBHOOK_PUBLIC_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'FCM_SERVICE_ACCOUNT_JSON',
] as const;

/** The APNs signing key (.p8 contents): env names a file (APNS_KEY_PATH), the secret holds the key itself. */
export const APNS_KEY_SECRET = 'APNS_KEY';

export type IntegrationSecrets = {
  /** `env` with each unset integration key filled from its stored secret. */
  env: Env;
  apnsPrivateKey?: string;
  /** The names that came from the store (logged at start-up; never their values). */
  fromStore: string[];
};

/** The secrets module's settings from env. */
export const secretsConfigFromEnv = (env: Env): SecretsConfig => ({
  driver: env.SECRETS_DRIVER,
  ...(env.AZURE_KEYVAULT_URL ? { keyvault: { vaultUrl: env.AZURE_KEYVAULT_URL } } : {}),
  previousEncryptionKeys: (env.ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== ''),
  recoveryDays: env.SECRETS_RECOVERY_DAYS,
  reminderDays: env.SECRETS_REMINDER_DAYS,
});

/**
 * Start-up: every integration key env leaves unset is read from the platform-wide secret of the same name
 * (the way the roadmap's config package resolved them from Key Vault). Env wins when it is set.
 */
export const resolveIntegrationSecrets = async (
  env: Env,
  resolve: (name: string) => Promise<string | undefined>,
): Promise<IntegrationSecrets> => {
  const filled: Partial<Record<(typeof INTEGRATION_SECRETS)[number], string>> = {};
  const fromStore: string[] = [];
  for (const name of INTEGRATION_SECRETS) {
    if (env[name] !== undefined) continue;
    const value = await resolve(name);
    if (value === undefined) continue;
    filled[name] = value;
    fromStore.push(name);
  }
  const apnsPrivateKey = env.APNS_KEY_PATH === undefined ? await resolve(APNS_KEY_SECRET) : undefined;
  if (apnsPrivateKey !== undefined) fromStore.push(APNS_KEY_SECRET);
  return {
    env: { ...env, ...filled },
    ...(apnsPrivateKey === undefined ? {} : { apnsPrivateKey }),
    fromStore,
  };
};

/**
 * The integration keys a chosen driver needs, checked once env and the stored secrets are both known (each message
 * names the variable, and the secret that may stand in for it).
 */
export const integrationKeyProblems = (resolved: IntegrationSecrets): string[] => {
  const { env } = resolved;
  const problems: string[] = [];
  const orStored = (name: string) => `set it, or store a platform-wide secret named ${name}`;
  if (
    (env.EMAIL_DRIVER === 'sendgrid' || env.EMAIL_FALLBACK_DRIVER === 'sendgrid') &&
    !env.SENDGRID_API_KEY
  ) {
    problems.push(
      `SENDGRID_API_KEY is required when EMAIL_DRIVER or EMAIL_FALLBACK_DRIVER is sendgrid: ${orStored('SENDGRID_API_KEY')}`,
    );
  }
  if (env.PUSH_DRIVER === 'fcm' && !env.FCM_SERVICE_ACCOUNT_JSON) {
    problems.push(
      `FCM_SERVICE_ACCOUNT_JSON is required when PUSH_DRIVER=fcm: ${orStored('FCM_SERVICE_ACCOUNT_JSON')}`,
    );
  }
  if (env.PUSH_DRIVER === 'apns' && !env.APNS_KEY_PATH && resolved.apnsPrivateKey === undefined) {
    problems.push(
      `APNS_KEY_PATH is required when PUSH_DRIVER=apns: set it, or store the key itself as a platform-wide secret named ${APNS_KEY_SECRET}`,
    );
  }
  return problems;
};
