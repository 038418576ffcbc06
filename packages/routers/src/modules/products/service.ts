import type { Clock, Outbox, Stored } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import { canTransition, DELETABLE_STATUSES } from './lifecycle';
import type { ProductDoc, ProductsRepository } from './repository';
import { DEFAULT_BRANDING, type TProduct, type TProductBranding, type TProductStatus } from './schema';

/** Products stored before branding or the verified-email setting existed read with the defaults. */
const toProduct = (doc: Stored<ProductDoc>): TProduct => ({
  ...withoutSystemFields(doc),
  branding: { ...DEFAULT_BRANDING, ...doc.branding },
  requireVerifiedEmail: doc.requireVerifiedEmail ?? false,
  etag: doc._etag,
});

export type ProductCreate = { id: string; name: string; description: string; status: TProductStatus };

export const createProductsService = (deps: {
  repo: ProductsRepository;
  clock: Clock;
  defaultProductId: string;
  bus: EventBus;
}) => {
  const { repo, clock } = deps;
  // Every request resolves its product; a short cache spares a read per request (writes here drop it).
  const cache = createTtlCache<TProduct>({ ttlMs: 30_000, clock });

  const get = async (id: string): Promise<TProduct> => {
    const doc = await repo.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Product '${id}' not found`);
    return toProduct(doc);
  };

  const save = async (doc: ProductDoc, ifMatch: string | undefined, outbox?: Outbox): Promise<TProduct> => {
    const saved = toProduct(await repo.replace(doc, ifMatch, outbox));
    cache.delete(doc.id);
    return saved;
  };

  return {
    get,
    /** Cached lookup for request resolution; undefined when the product does not exist. */
    async find(id: string): Promise<TProduct | undefined> {
      const hit = cache.get(id);
      if (hit) return hit;
      // Misses are not cached, so a product created by another instance is usable at once.
      const doc = await repo.get(id);
      if (!doc) return undefined;
      const product = toProduct(doc);
      cache.set(id, product);
      return product;
    },
    list: async (status?: TProductStatus) => (await repo.list(status)).map(toProduct),
    count: () => repo.count(),
    async create(input: ProductCreate, actorId: string): Promise<TProduct> {
      const now = isoNow(clock);
      const doc: ProductDoc = {
        ...input,
        statusHistory: [{ from: null, to: input.status, at: now, by: actorId }],
        branding: DEFAULT_BRANDING,
        requireVerifiedEmail: false,
        createdAt: now,
        updatedAt: now,
      };
      const created = toProduct(await repo.create(doc));
      cache.delete(input.id);
      return created;
    },
    async update(input: {
      id: string;
      name?: string | undefined;
      description?: string | undefined;
      branding?: Partial<TProductBranding> | undefined;
      requireVerifiedEmail?: boolean | undefined;
      ifMatch?: string | undefined;
    }): Promise<TProduct> {
      const { etag, ...current } = await get(input.id);
      return save(
        {
          ...current,
          name: input.name ?? current.name,
          description: input.description ?? current.description,
          branding: { ...current.branding, ...input.branding },
          requireVerifiedEmail: input.requireVerifiedEmail ?? current.requireVerifiedEmail,
          updatedAt: isoNow(clock),
        },
        input.ifMatch ?? etag,
      );
    },
    async transition(
      input: { id: string; to: TProductStatus; ifMatch?: string | undefined },
      actorId: string,
    ): Promise<{ product: TProduct; from: TProductStatus }> {
      const { etag, ...current } = await get(input.id);
      if (input.ifMatch && input.ifMatch !== etag) {
        throw new AppError(
          'PRECONDITION_FAILED',
          'The product was changed by someone else; reload and retry',
        );
      }
      if (!canTransition(current.status, input.to)) {
        throw new AppError('BAD_REQUEST', `Cannot move a product from ${current.status} to ${input.to}`, {
          fields: [{ path: 'to', message: `Not allowed from ${current.status}` }],
        });
      }
      const at = isoNow(clock);
      const change = { from: current.status, to: input.to, at, by: actorId };
      const doc = {
        ...current,
        status: input.to,
        statusHistory: [...current.statusHistory, change],
        updatedAt: at,
      };
      const product = await save(
        doc,
        etag,
        deps.bus.stage(
          'product.status_changed',
          { from: current.status, to: input.to },
          { productId: doc.id, actorId },
        ),
      );
      return { product, from: current.status };
    },
    async delete(id: string): Promise<void> {
      const product = await get(id);
      if (id === deps.defaultProductId)
        throw new AppError('FORBIDDEN', 'The default product cannot be deleted');
      if (!DELETABLE_STATUSES.includes(product.status)) {
        throw new AppError(
          'PRECONDITION_FAILED',
          `Only ${DELETABLE_STATUSES.join(' or ')} products can be deleted`,
        );
      }
      await repo.delete(id);
      cache.delete(id);
    },
  };
};

export type ProductsService = ReturnType<typeof createProductsService>;
