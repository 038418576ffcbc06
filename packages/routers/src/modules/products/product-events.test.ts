import { createSqliteStore } from '@bytelyst/db/sqlite';
import { createMemoryBus } from '@bytelyst/events/memory-bus';
import { afterAll, describe, expect, it } from 'vitest';
import { PRODUCTS_CONTAINERS } from './containers';
import { createProductsRepository } from './repository';
import { createProductsService } from './service';

/** A module's service on the in-memory bus: what it emits is visible without a dispatcher. */
describe('products service events', () => {
  const store = createSqliteStore({ path: ':memory:' });
  afterAll(async () => store.close());

  it('emits product.status_changed on a transition, and nothing when the transition is refused', async () => {
    await store.init([PRODUCTS_CONTAINERS.products]);
    const bus = createMemoryBus();
    const products = createProductsService({
      repo: createProductsRepository(store),
      clock: () => Date.parse('2026-06-01T00:00:00.000Z'),
      defaultProductId: 'platform',
      bus,
    });
    await products.create({ id: 'lysnr', name: 'Lysnr', description: '', status: 'draft' }, 'admin-1');
    await products.transition({ id: 'lysnr', to: 'pre_launch' }, 'admin-1');
    await expect(products.transition({ id: 'lysnr', to: 'sunset' }, 'admin-1')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await bus.drain();
    expect(bus.emitted).toHaveLength(1);
    expect(bus.emitted[0]).toMatchObject({
      type: 'product.status_changed',
      productId: 'lysnr',
      actorId: 'admin-1',
      data: { from: 'draft', to: 'pre_launch' },
    });
  });
});
