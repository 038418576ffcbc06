import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import { type Oidc, type OidcClientSettings, oidcFailure } from './oidc';
import { MAX_PROVIDERS, type SsoProviderDoc, type SsoRepository } from './repository';
import type { TSsoProvider, TSsoProviderCreateInput, TSsoProviderUpdateInput } from './schema';

/** The client secret is sealed for this provider of this product: copied onto another record it does not open. */
export const secretContext = (productId: string, providerId: string) => `sso:${productId}:${providerId}`;

export const toProvider = (doc: Stored<SsoProviderDoc>): TSsoProvider => {
  const { clientSecretSealed, createdBy: _by, ...rest } = withoutSystemFields(doc);
  return { ...rest, hasClientSecret: clientSecretSealed !== null };
};

export type ProvidersDeps = {
  repo: SsoRepository;
  clock: Clock;
  bus: EventBus;
  secretBox: SecretBox;
  oidc: Oidc;
  allowHttp: boolean;
  defaultRedirectUri: string;
};

/** Admin management of a product's OpenID Connect providers. */
export const createProvidersService = (deps: ProvidersDeps) => {
  const { repo, clock, bus, secretBox } = deps;

  const assertIssuerScheme = (issuer: string) => {
    if (issuer.startsWith('http://') && !deps.allowHttp) {
      throw new AppError('VALIDATION', 'The issuer must use https', {
        fields: [
          {
            path: 'issuer',
            message: 'Must be https (http:// only with SSO_ALLOW_HTTP_ISSUERS, for a loopback IdP)',
          },
        ],
      });
    }
  };

  const load = async (productId: string, id: string): Promise<Stored<SsoProviderDoc>> => {
    const doc = await repo.getProvider(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `SSO provider '${id}' not found`);
    return doc;
  };

  const conflictOnStale = (error: unknown): never => {
    if (isStoreError(error, 'precondition_failed')) {
      throw new AppError('CONFLICT', 'This provider was changed meanwhile; reload it and try again');
    }
    throw error;
  };

  return {
    load,
    /** Issuer, client id and the opened secret, for the sign-in flow. */
    settingsOf(doc: SsoProviderDoc): OidcClientSettings {
      return {
        issuer: doc.issuer,
        clientId: doc.clientId,
        clientSecret: doc.clientSecretSealed
          ? secretBox.open(doc.clientSecretSealed, secretContext(doc.productId, doc.id))
          : null,
      };
    },
    list: async (productId: string) => ({ items: (await repo.listProviders(productId)).map(toProvider) }),
    get: async (productId: string, id: string) => toProvider(await load(productId, id)),
    async create(productId: string, input: TSsoProviderCreateInput, actorId: string): Promise<TSsoProvider> {
      assertIssuerScheme(input.issuer);
      if ((await repo.countProviders(productId)) >= MAX_PROVIDERS) {
        throw new AppError('CONFLICT', `A product has at most ${MAX_PROVIDERS} SSO providers`);
      }
      const id = randomId(9);
      const now = isoNow(clock);
      const doc: SsoProviderDoc = {
        id,
        productId,
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecretSealed: input.clientSecret
          ? secretBox.seal(input.clientSecret, secretContext(productId, id))
          : null,
        allowedDomains: input.allowedDomains,
        enabled: input.enabled,
        redirectUris: input.redirectUris.length > 0 ? input.redirectUris : [deps.defaultRedirectUri],
        createdAt: now,
        updatedAt: now,
        createdBy: actorId,
      };
      const created = await repo.createProvider(
        doc,
        bus.stage(
          'sso_provider.created',
          { providerId: id, issuer: doc.issuer, enabled: doc.enabled },
          { productId, actorId },
        ),
      );
      return toProvider(created);
    },
    async update(productId: string, input: TSsoProviderUpdateInput, actorId: string): Promise<TSsoProvider> {
      const doc = await load(productId, input.id);
      if (input.issuer !== undefined) assertIssuerScheme(input.issuer);
      const issuerChanges = input.issuer !== undefined && input.issuer !== doc.issuer;
      if (issuerChanges && doc.clientSecretSealed && input.clientSecret === undefined) {
        // The stored secret is never sent to an issuer other than the one it was entered for.
        throw new AppError('VALIDATION', 'Enter the client secret again to change the issuer', {
          fields: [{ path: 'clientSecret', message: 'Required when the issuer changes' }],
        });
      }
      const next: SsoProviderDoc = {
        ...withoutSystemFields(doc),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
        ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
        ...(input.allowedDomains !== undefined ? { allowedDomains: input.allowedDomains } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.redirectUris !== undefined ? { redirectUris: input.redirectUris } : {}),
        ...(input.clientSecret !== undefined
          ? {
              clientSecretSealed:
                input.clientSecret === null
                  ? null
                  : secretBox.seal(input.clientSecret, secretContext(productId, doc.id)),
            }
          : {}),
      };
      const fields = ['name', 'issuer', 'clientId', 'allowedDomains', 'enabled', 'redirectUris'] as const;
      const changes: string[] = fields.filter(
        (field) => JSON.stringify(next[field]) !== JSON.stringify(doc[field]),
      );
      if (input.clientSecret !== undefined) changes.push('clientSecret');
      if (changes.length === 0) return toProvider(doc);
      const saved = await repo
        .replaceProvider(
          { ...next, updatedAt: isoNow(clock) },
          doc._etag,
          bus.stage('sso_provider.updated', { providerId: doc.id, changes }, { productId, actorId }),
        )
        .catch(conflictOnStale);
      return toProvider(saved);
    },
    async delete(productId: string, id: string, actorId: string): Promise<{ id: string; deleted: true }> {
      const doc = await load(productId, id);
      await repo
        .deleteProvider(
          productId,
          id,
          doc._etag,
          bus.stage('sso_provider.deleted', { providerId: id }, { productId, actorId }),
        )
        .catch(conflictOnStale);
      return { id, deleted: true };
    },
    /** Fetches an issuer's metadata and reports what a sign-in would use. */
    async discover(issuer: string) {
      assertIssuerScheme(issuer);
      try {
        return await deps.oidc.metadata(issuer);
      } catch (error) {
        throw oidcFailure(error, 'admin');
      }
    },
    /** Enabled providers, as a sign-in page offers them. */
    listEnabled: async (productId: string) => ({
      items: (await repo.listProviders(productId, true)).map(({ id, name }) => ({ id, name })),
    }),
  };
};

export type ProvidersService = ReturnType<typeof createProvidersService>;
