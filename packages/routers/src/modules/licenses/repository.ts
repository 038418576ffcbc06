import { CONTAINERS } from '@bytelyst/db/containers';
import { type DocumentStore, type Filter, isStoreError, type Stored } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import type { TLicense } from './schema';

/** Stored form: `activeDevices` is derived, the key is only its hash. */
export type LicenseDoc = Omit<TLicense, 'activeDevices'> & {
  keyHash: string;
  expiryWarnedFor: string | null;
};

const MAX_ATTEMPTS = 20;

export const createLicensesRepository = (store: DocumentStore) => {
  const licenses = () => store.container<LicenseDoc>(CONTAINERS.licenses.name);
  const get = (productId: string, id: string) => licenses().read(id, productId);
  return {
    licenses,
    get,
    create: (doc: LicenseDoc) => licenses().create(doc),
    async findByHash(productId: string, keyHash: string): Promise<Stored<LicenseDoc> | undefined> {
      const page = await licenses().query({
        partitionKey: productId,
        where: { keyHash: { eq: keyHash } },
        limit: 1,
      });
      return page.items[0];
    },
    list: (productId: string, where: Filter<LicenseDoc>, limit: number, continuation?: string) =>
      licenses().query({
        partitionKey: productId,
        where,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<LicenseDoc>) =>
      licenses().count({ partitionKey: productId, where }),
    /**
     * Read-modify-write with the etag, retried on a concurrent change. `change` returns the next document, or
     * null to leave it as it is; the result says which happened.
     */
    async mutate(
      productId: string,
      id: string,
      change: (doc: Stored<LicenseDoc>) => LicenseDoc | null,
    ): Promise<{ doc: Stored<LicenseDoc>; changed: boolean }> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const current = await get(productId, id);
        if (!current) throw new AppError('NOT_FOUND', 'License not found');
        const next = change(current);
        if (!next) return { doc: current, changed: false };
        const { _etag, _ts, ttl, ...plain } = { ...current, ...next };
        try {
          return { doc: await licenses().replace(plain, { ifMatch: _etag }), changed: true };
        } catch (error) {
          if (!isStoreError(error, 'precondition_failed')) throw error;
        }
      }
      throw new AppError('CONFLICT', 'The license is being changed by someone else; retry');
    },
  };
};

export type LicensesRepository = ReturnType<typeof createLicensesRepository>;
