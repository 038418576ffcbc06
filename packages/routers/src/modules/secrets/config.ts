import type { KeyVaultDriverOptions } from './keyvault-driver';

/** The secrets module's settings (SECRETS_* env, see README "Secrets"). */
export type SecretsConfig = {
  /** SECRETS_DRIVER: `store` (default) or `keyvault` (needs `keyvault`). */
  driver?: 'store' | 'keyvault';
  /** AZURE_KEYVAULT_URL; the credential defaults to DefaultAzureCredential (managed identity, AZURE_CLIENT_*). */
  keyvault?: Omit<KeyVaultDriverOptions, 'credential'> & { credential?: KeyVaultDriverOptions['credential'] };
  /** ENCRYPTION_KEY_PREVIOUS: keys that still open values sealed before a rotation, until re-encrypted. */
  previousEncryptionKeys?: readonly string[];
  /** SECRETS_RECOVERY_DAYS: how long a deleted secret can be recovered before the purge job removes it. */
  recoveryDays?: number;
  /** SECRETS_REMINDER_DAYS: how many days before its expiry a secret's reminder goes out. */
  reminderDays?: number;
  /** Reveals one admin may make per hour. */
  revealsPerHour?: number;
};

export const SECRETS_DEFAULTS = { recoveryDays: 7, reminderDays: 30, revealsPerHour: 20 } as const;
