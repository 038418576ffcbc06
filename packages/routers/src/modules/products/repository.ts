import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { PRODUCTS_CONTAINERS } from './containers';
import type { TProduct, TProductStatus } from './schema';

export type ProductDoc = Omit<TProduct, 'etag'>;

export const createProductsRepository = (store: DocumentStore) => {
  const products = () => store.container<ProductDoc>(PRODUCTS_CONTAINERS.products.name);
  return {
    get: (id: string): Promise<Stored<ProductDoc> | undefined> => products().read(id, id),
    create: (doc: ProductDoc) => products().create(doc),
    replace: (doc: ProductDoc, ifMatch?: string, outbox?: Outbox) =>
      products().replace(doc, { ...(ifMatch ? { ifMatch } : {}), ...(outbox ? { outbox } : {}) }),
    delete: (id: string) => products().delete(id, id),
    async list(status?: TProductStatus): Promise<Stored<ProductDoc>[]> {
      const out: Stored<ProductDoc>[] = [];
      let continuation: string | undefined;
      do {
        const page = await products().query({
          ...(status ? { where: { status: { eq: status } } } : {}),
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items);
        continuation = page.continuation ?? undefined;
      } while (continuation);
      // The registry is small and createdAt is not an indexed field of the container: sort here.
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    count: () => products().count(),
  };
};

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
