import { DefaultAzureCredential } from '@azure/identity';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { AppError } from '../../app-error';
import type { JobTrigger } from '../../lib/job-trigger';
import { createSecretKeyring, encryptionKeyOf } from '../../lib/secret-box';
import { defineModule } from '../../module';
import type { ServiceConfig } from '../../services';
import { DELIVERY_DEFAULTS } from '../delivery/config';
import type { DeliveryModuleService } from '../delivery/module';
import type { UsersService } from '../users/service';
import { SECRETS_CONTAINERS } from './containers';
import type { SecretValueDriver } from './driver';
import { reminderSubscriber } from './handlers';
import { createPurgeJob, createReencryptJob, createReminderJob, REENCRYPT_JOB_NAME } from './jobs';
import { createKeyVaultSecretDriver } from './keyvault-driver';
import { createSecretsRepository } from './repository';
import type { TReencryption } from './schema';
import { createSecretsService, resolvePlatformSecret } from './service';
import { createStoreSecretDriver } from './store-driver';

/** The store driver (always: re-encryption walks it) and the driver values are read from and written to. */
type DriverConfig = Pick<ServiceConfig, 'jwtSecret' | 'encryptionKey' | 'secrets'>;

const valueDrivers = (store: DocumentStore, config: DriverConfig) => {
  const settings = config.secrets ?? {};
  const keyring = createSecretKeyring([encryptionKeyOf(config), ...(settings.previousEncryptionKeys ?? [])]);
  const storeDriver = createStoreSecretDriver(store, keyring);
  let driver: SecretValueDriver = storeDriver;
  if (settings.driver === 'keyvault') {
    if (!settings.keyvault) throw new Error('SECRETS_DRIVER=keyvault needs AZURE_KEYVAULT_URL');
    driver = createKeyVaultSecretDriver({
      ...settings.keyvault,
      credential: settings.keyvault.credential ?? new DefaultAzureCredential(),
    });
  }
  return { keyring, storeDriver, driver };
};

/**
 * Reads platform-wide secrets by name before the platform is built (the API's start-up resolves integration
 * keys that env leaves unset), over the same store and driver the module uses.
 */
export const createSecretResolver = (store: DocumentStore, config: DriverConfig) => {
  const { driver } = valueDrivers(store, config);
  const repo = createSecretsRepository(store);
  return (name: string) => resolvePlatformSecret(repo, driver, name);
};

type Needs = { users: UsersService; delivery: DeliveryModuleService; jobTrigger: JobTrigger };

/**
 * Secrets management (roadmap §1.5): secrets by name per product and platform-wide, versioned, revealed only to
 * a super_admin with a reason, deleted into a recovery window, with expiry reminders. Values live in the store
 * sealed under ENCRYPTION_KEY (`store`, default) or in Azure Key Vault (`keyvault`); the names, versions and
 * history are always in the store.
 */
export const secretsModule = defineModule({
  name: 'secrets',
  containers: SECRETS_CONTAINERS,
  create: ({ store, clock, bus, config, rateCounters }, needs: Needs) => {
    const settings = config.secrets ?? {};
    const repo = createSecretsRepository(store);
    const { keyring, storeDriver, driver } = valueDrivers(store, config);
    const service = createSecretsService({ repo, driver, bus, clock, rateCounters, config: settings });
    const reencrypt = createReencryptJob({
      repo,
      driver: storeDriver,
      keyId: keyring.currentKeyId,
      onDone: async (result) => {
        await bus.emit(
          'secret.reencrypted',
          { keyId: keyring.currentKeyId, ...result },
          { productId: PLATFORM_PRODUCT_ID },
        );
      },
    });
    return {
      service: {
        ...service,
        /** The re-encryption job's progress, with how many values are still under an older key. */
        async reencryption(): Promise<TReencryption> {
          const [doc, remaining] = await Promise.all([repo.readProgress(), storeDriver.countStale()]);
          const base = { driver: driver.kind, remaining, keyId: keyring.currentKeyId };
          if (!doc) {
            return {
              ...base,
              state: 'idle',
              total: 0,
              done: 0,
              failed: 0,
              startedAt: null,
              finishedAt: null,
            };
          }
          const { id: _, scope: __, kind: ___, ...progress } = doc;
          return { ...progress, ...base };
        },
        /** Starts the re-encryption job now (the store driver only: Key Vault keeps its own keys). */
        async reencrypt(actor: { userId: string; email: string }) {
          if (driver.kind !== 'store') {
            throw new AppError('CONFLICT', 'Key Vault encrypts its own values; nothing to re-encrypt', {
              reason: 'driver_keyvault',
            });
          }
          const run = await needs.jobTrigger.trigger(REENCRYPT_JOB_NAME, {
            id: actor.userId,
            email: actor.email,
          });
          return { runId: run.id };
        },
      },
      subscribers: [
        reminderSubscriber({
          delivery: needs.delivery,
          users: needs.users,
          defaultProductId: config.defaultProductId,
          consoleUrl: config.webhooks?.consoleUrl ?? config.delivery?.appUrl ?? DELIVERY_DEFAULTS.appUrl,
        }),
      ],
      jobs: [
        createPurgeJob({ repo, service }),
        createReminderJob({
          repo,
          service,
          stage: ({ scope, ...data }) =>
            bus.stage(
              'secret.expiring',
              { ...data, scope: scope === PLATFORM_PRODUCT_ID ? 'platform' : 'product' },
              { productId: scope },
            ),
        }),
        reencrypt,
      ],
    };
  },
});

export type SecretsModuleService = ReturnType<typeof secretsModule.create>['service'];
