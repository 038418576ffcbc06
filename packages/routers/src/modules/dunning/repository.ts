import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type OrderBy,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { DUNNING_CONTAINERS } from './containers';
import type { TDunningCase } from './schema';

/** A case as stored: the API's shape plus its kind. */
export type CaseDoc = TDunningCase & { kind: 'case' };

/** An invoice paid with no case open: remembered for a while, so a late failure event cannot open one. */
export type SettledDoc = {
  id: string;
  productId: string;
  userId: string;
  kind: 'settled';
  settledAt: string;
  stripeEventAt: string;
};

type AnyDoc = CaseDoc | SettledDoc;

/** Stripe redelivers an event for up to three days; a marker outlives that comfortably. */
export const SETTLED_TTL_SECONDS = 30 * 24 * 60 * 60;

export const toCase = (doc: CaseDoc | Stored<CaseDoc>): TDunningCase => {
  const { kind: _, ...rest } = withoutSystemFields(doc);
  return rest;
};

export const createDunningRepository = (store: DocumentStore) => {
  const docs = () => store.container<AnyDoc>(DUNNING_CONTAINERS.dunningCases.name);
  const cases = () => store.container<CaseDoc>(DUNNING_CONTAINERS.dunningCases.name);
  return {
    /** The invoice's case or settled marker, if any. */
    read: (productId: string, invoiceId: string) => docs().read(invoiceId, productId),
    getCase: async (productId: string, invoiceId: string): Promise<Stored<CaseDoc> | undefined> => {
      const doc = await docs().read(invoiceId, productId);
      return doc?.kind === 'case' ? (doc as Stored<CaseDoc>) : undefined;
    },
    /** Creates a case; false when the invoice already has a case or a marker (a concurrent event won). */
    async createCase(doc: CaseDoc, outbox: Outbox): Promise<boolean> {
      try {
        await cases().create(doc, { outbox });
        return true;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    /** Remembers a paid invoice that has no case; false when one exists (the caller re-reads it). */
    async settle(doc: SettledDoc): Promise<boolean> {
      try {
        await store
          .container<SettledDoc>(DUNNING_CONTAINERS.dunningCases.name)
          .create(doc, { ttl: SETTLED_TTL_SECONDS });
        return true;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    /**
     * Read-apply-replace of a case under the etag; `change` sees it without the store's fields and returns the
     * next case or null for "nothing to do". Undefined when there is no case.
     */
    mutate: (
      productId: string,
      invoiceId: string,
      change: (current: TDunningCase) => TDunningCase | null,
      outbox?: (next: TDunningCase, current: TDunningCase) => Outbox | undefined,
    ) =>
      cases().mutate(
        invoiceId,
        productId,
        (current) => {
          const next = change(toCase(current));
          return next ? { ...next, kind: 'case' } : null;
        },
        {
          attempts: 20,
          ...(outbox ? { outbox: (next, current) => outbox(toCase(next), toCase(current)) } : {}),
        },
      ),
    list: (
      productId: string | undefined,
      where: Filter<CaseDoc>,
      orderBy: OrderBy<CaseDoc>[],
      limit: number,
      continuation?: string,
    ) =>
      cases().query({
        ...(productId ? { partitionKey: productId } : {}),
        where: { ...where, kind: { eq: 'case' } },
        orderBy,
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<CaseDoc>) =>
      cases().count({ partitionKey: productId, where: { ...where, kind: { eq: 'case' } } }),
    /** Every case and marker of a user (erasure). */
    ofUser: (productId: string, userId: string, limit: number) =>
      docs().query({ partitionKey: productId, where: { userId: { eq: userId } }, limit }),
    remove: (productId: string, id: string) => docs().delete(id, productId),
  };
};

export type DunningRepository = ReturnType<typeof createDunningRepository>;
