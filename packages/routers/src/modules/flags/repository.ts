import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { FLAGS_CONTAINERS } from './containers';
import type { TFlag } from './schema';

/** `searchText` is key and description lower-cased, so search is one `contains` on one field. */
export type FlagDoc = TFlag & { searchText: string };

export const searchTextOf = (key: string, description: string): string =>
  `${key} ${description}`.toLowerCase();

export const createFlagsRepository = (store: DocumentStore) => {
  const flags = () => store.container<FlagDoc>(FLAGS_CONTAINERS.featureFlags.name);
  return {
    get: (productId: string, id: string) => flags().read(id, productId),
    create: (doc: FlagDoc, outbox?: Outbox) => flags().create(doc, { outbox }),
    replace: (doc: FlagDoc, ifMatch: string, outbox?: Outbox) => flags().replace(doc, { ifMatch, outbox }),
    delete: (productId: string, id: string, ifMatch?: string, outbox?: Outbox) =>
      flags().delete(id, productId, { ...(ifMatch ? { ifMatch } : {}), outbox }),
    list: (
      productId: string,
      where: Filter<FlagDoc>,
      opts: { sort: 'key' | 'updatedAt'; limit: number; continuation?: string | undefined },
    ) =>
      flags().query({
        partitionKey: productId,
        where,
        orderBy:
          opts.sort === 'key' ? [{ field: 'id' }] : [{ field: 'updatedAt', direction: 'desc' as const }],
        limit: opts.limit,
        ...(opts.continuation ? { continuation: opts.continuation } : {}),
      }),
    count: (productId: string, where: Filter<FlagDoc> = {}) =>
      flags().count({ partitionKey: productId, where }),
    /** Every flag of a product (bounded by MAX_FLAGS_PER_PRODUCT), for the evaluation cache. */
    async all(productId: string): Promise<Stored<FlagDoc>[]> {
      const out: Stored<FlagDoc>[] = [];
      let continuation: string | null = null;
      do {
        const page = await flags().query({
          partitionKey: productId,
          orderBy: [{ field: 'id' }],
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items);
        continuation = page.continuation;
      } while (continuation);
      return out;
    },
  };
};

export type FlagsRepository = ReturnType<typeof createFlagsRepository>;
