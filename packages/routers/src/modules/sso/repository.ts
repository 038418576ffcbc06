import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { SSO_CONTAINERS } from './containers';
import type { TSsoProvider } from './schema';

export type SsoProviderDoc = Omit<TSsoProvider, 'hasClientSecret'> & {
  /** secretBox-sealed under `sso:<productId>:<id>`; null for a public client. */
  clientSecretSealed: string | null;
  createdBy: string;
};

/** A started sign-in. `id` is the SHA-256 of the state; the code verifier is sealed. */
export type SsoStateDoc = {
  id: string;
  productId: string;
  providerId: string;
  redirectUri: string;
  nonce: string;
  codeVerifierSealed: string;
  createdAt: string;
  expiresAt: string;
};

export const MAX_PROVIDERS = 100;

export const createSsoRepository = (store: DocumentStore) => {
  const providers = () => store.container<SsoProviderDoc>(SSO_CONTAINERS.ssoProviders.name);
  const states = () => store.container<SsoStateDoc>(SSO_CONTAINERS.ssoStates.name);
  return {
    getProvider: (productId: string, id: string) => providers().read(id, productId),
    createProvider: (doc: SsoProviderDoc, outbox: Outbox) => providers().create(doc, { outbox }),
    replaceProvider: (doc: SsoProviderDoc, ifMatch: string, outbox: Outbox) =>
      providers().replace(doc, { ifMatch, outbox }),
    deleteProvider: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
      providers().delete(id, productId, { ifMatch, outbox }),
    /** A product has a handful of providers: one page holds them all. */
    async listProviders(productId: string, onlyEnabled = false): Promise<Stored<SsoProviderDoc>[]> {
      const page = await providers().query({
        partitionKey: productId,
        ...(onlyEnabled ? { where: { enabled: { eq: true } } } : {}),
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: MAX_PROVIDERS,
      });
      return page.items;
    },
    countProviders: (productId: string) => providers().count({ partitionKey: productId }),
    createState: (doc: SsoStateDoc) => states().create(doc),
    /** Reads and deletes a state in one step: true for exactly one caller, however many race for it. */
    async takeState(productId: string, id: string): Promise<Stored<SsoStateDoc> | undefined> {
      const doc = await states().read(id, productId);
      if (!doc) return undefined;
      try {
        return (await states().delete(id, productId, { ifMatch: doc._etag })) ? doc : undefined;
      } catch (error) {
        if (isStoreError(error, 'precondition_failed')) return undefined;
        throw error;
      }
    },
  };
};

export type SsoRepository = ReturnType<typeof createSsoRepository>;
