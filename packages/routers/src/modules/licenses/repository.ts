import {
  type DocumentStore,
  type FieldCondition,
  type Filter,
  type Mutated,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { LICENSES_CONTAINERS } from './containers';
import type { TLicense } from './schema';

/** Stored form: `activeDevices` is derived, the key is only its hash. */
export type LicenseDoc = Omit<TLicense, 'activeDevices'> & {
  keyHash: string;
  expiryWarnedFor: string | null;
};

export const createLicensesRepository = (store: DocumentStore) => {
  const licenses = () => store.container<LicenseDoc>(LICENSES_CONTAINERS.licenses.name);
  return {
    get: (productId: string, id: string) => licenses().read(id, productId),
    create: (doc: LicenseDoc, outbox?: Outbox) => licenses().create(doc, outbox ? { outbox } : undefined),
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
    /** A page of active licenses of every product whose expiry date matches `expiresAt` (the expiry job's walk). */
    activeExpiringPage: (
      expiresAt: FieldCondition,
      where: Filter<LicenseDoc>,
      limit: number,
      continuation?: string,
    ) =>
      licenses().query({
        where: { ...where, status: { eq: 'active' }, expiresAt: { ...expiresAt, gt: '' } },
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    /**
     * Read-apply-replace under the etag (see `container.mutate`); `change` returns the next document or null
     * to leave it, `outbox` what commits with the change. Undefined when the license does not exist.
     */
    mutate: (
      productId: string,
      id: string,
      change: (doc: LicenseDoc) => LicenseDoc | null,
      outbox?: (next: LicenseDoc, current: LicenseDoc) => Outbox | undefined,
    ): Promise<Mutated<LicenseDoc> | undefined> =>
      licenses().mutate(
        id,
        productId,
        (current) => {
          const next = change(current);
          return next && withoutSystemFields<LicenseDoc>(next);
        },
        outbox ? { outbox } : {},
      ),
  };
};

export type LicensesRepository = ReturnType<typeof createLicensesRepository>;
