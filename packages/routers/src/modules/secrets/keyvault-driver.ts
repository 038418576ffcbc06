import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import { SecretDriverError, type SecretRef, type SecretValueDriver } from './driver';

export type KeyVaultDriverOptions = {
  /** AZURE_KEYVAULT_URL, e.g. https://my-vault.vault.azure.net */
  vaultUrl: string;
  /** DefaultAzureCredential in production (managed identity, or AZURE_CLIENT_ID/SECRET/TENANT_ID). */
  credential: ConstructorParameters<typeof SecretClient>[1];
  /** The TLS agent for this vault only (tests: one that trusts a loopback server's certificate). */
  agent?: Agent;
  /** Between polls of a delete or recover; default Key Vault's own (2 s). */
  pollIntervalMs?: number;
  /** Skips the check that the challenge's resource is a vault domain (a loopback test vault). */
  disableChallengeResourceVerification?: boolean;
};

type Policy = NonNullable<SecretClientOptions['additionalPolicies']>[number]['policy'];

/**
 * Key Vault allows letters, digits and dashes: one vault holds every scope, so the scope goes in as a short
 * digest and the name's underscores become dashes (names never hold dashes, so nothing collides).
 */
export const keyVaultNameOf = (ref: SecretRef) =>
  `s${createHash('sha256').update(ref.scope).digest('hex').slice(0, 16)}-${ref.name.replace(/_/g, '-')}`;

const statusOf = (error: unknown) =>
  error && typeof error === 'object' && 'statusCode' in error ? Number(error.statusCode) : undefined;

/** Key Vault refuses a disabled version with 403 and an unknown or deleted one with 404. */
const mapped = (ref: SecretRef, error: unknown): unknown => {
  const status = statusOf(error);
  if (status === 403) return new SecretDriverError('disabled', `this version of ${ref.name} is disabled`);
  if (status === 404) return new SecretDriverError('not_found', `${ref.name} is not in the vault`);
  return error;
};

/** Values in Azure Key Vault: versions, disabling, soft delete, recovery and purge are the vault's own. */
export const createKeyVaultSecretDriver = (opts: KeyVaultDriverOptions): SecretValueDriver => {
  const policies: SecretClientOptions['additionalPolicies'] = [];
  const { agent } = opts;
  if (agent) {
    const useAgent: Policy = {
      name: 'bytelyst-keyvault-agent',
      sendRequest: (request, next) => {
        request.agent = agent;
        return next(request);
      },
    };
    policies.push({ policy: useAgent, position: 'perRetry' });
  }
  const client = new SecretClient(opts.vaultUrl, opts.credential, {
    additionalPolicies: policies,
    retryOptions: { maxRetries: 1, retryDelayInMs: 50 },
    ...(opts.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
  });
  const poll = opts.pollIntervalMs === undefined ? {} : { intervalInMs: opts.pollIntervalMs };
  const guarded = async <T>(ref: SecretRef, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw mapped(ref, error);
    }
  };
  return {
    kind: 'keyvault',
    put: (ref, value, { expiresAt }) =>
      guarded(ref, async () => {
        const secret = await client.setSecret(keyVaultNameOf(ref), value, {
          ...(expiresAt ? { expiresOn: new Date(expiresAt) } : {}),
          contentType: 'text/plain',
        });
        const version = secret.properties.version;
        if (!version) throw new Error('Key Vault answered without a version');
        return { versionRef: version, keyId: null };
      }),
    get: (ref, versionRef) =>
      guarded(ref, async () => {
        const secret = await client.getSecret(keyVaultNameOf(ref), { version: versionRef });
        if (secret.value === undefined) throw new SecretDriverError('not_found', `${ref.name} has no value`);
        return secret.value;
      }),
    setEnabled: (ref, versionRef, enabled) =>
      guarded(ref, async () => {
        await client.updateSecretProperties(keyVaultNameOf(ref), versionRef, { enabled });
      }),
    remove: (ref) =>
      guarded(ref, async () => {
        const poller = await client.beginDeleteSecret(keyVaultNameOf(ref), poll);
        await poller.pollUntilDone();
      }),
    recover: (ref) =>
      guarded(ref, async () => {
        const poller = await client.beginRecoverDeletedSecret(keyVaultNameOf(ref), poll);
        await poller.pollUntilDone();
      }),
    purge: (ref) => guarded(ref, () => client.purgeDeletedSecret(keyVaultNameOf(ref))),
  };
};
