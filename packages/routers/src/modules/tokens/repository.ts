import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { TOKENS_CONTAINERS } from './containers';
import type { TApiToken } from './schema';

export type ApiTokenDoc = TApiToken & { tokenHash: string; createdByEmail: string };

export const createTokensRepository = (store: DocumentStore) => {
  const tokens = () => store.container<ApiTokenDoc>(TOKENS_CONTAINERS.apiTokens.name);
  return {
    get: (productId: string, id: string) => tokens().read(id, productId),
    create: (doc: ApiTokenDoc, outbox?: Outbox) => tokens().create(doc, outbox ? { outbox } : {}),
    replace: (doc: ApiTokenDoc, ifMatch?: string, outbox?: Outbox) =>
      tokens().replace(doc, { ...(ifMatch ? { ifMatch } : {}), ...(outbox ? { outbox } : {}) }),
    delete: (productId: string, id: string) => tokens().delete(id, productId),
    /** Cross-partition on purpose: a bearer token names no product until it is found. */
    async findByHash(tokenHash: string): Promise<Stored<ApiTokenDoc> | undefined> {
      const page = await tokens().query({ where: { tokenHash: { eq: tokenHash } }, limit: 1 });
      return page.items[0];
    },
    list: (productId: string, where: Filter<ApiTokenDoc>, limit: number, continuation?: string) =>
      tokens().query({
        partitionKey: productId,
        where,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<ApiTokenDoc> = {}) =>
      tokens().count({ partitionKey: productId, where }),
  };
};

export type TokensRepository = ReturnType<typeof createTokensRepository>;
