import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CosmosTestServer, startCosmosServer } from '../testing/cosmos-server';
import { CONTAINERS_FOR_TESTS, ITEMS, type Item, seedItems } from '../testing/migrations';
import { type DriverHarness, storeDrivers } from '../testing/store-drivers';
import { updateEach } from './backfill';
import { createRecordingStore } from './dry-run-store';

let cosmos: CosmosTestServer | undefined;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos?.stop();
});

describe.each(storeDrivers('dry-run', () => cosmos))(
  'dry-run store and updateEach on %s',
  (_driver, make) => {
    let harness: DriverHarness;
    beforeEach(async () => {
      harness = make(() => Date.parse('2026-03-01T09:00:00.000Z'));
      await harness.store.init(CONTAINERS_FOR_TESTS);
      await seedItems(harness.store, 5);
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const snapshot = async () =>
      (await harness.store.container<Item>(ITEMS.name).query({ orderBy: [{ field: 'n' }], limit: 100 }))
        .items;

    it('counts creates, updates and deletes (upserts and batches judged by what is there) and writes none', async () => {
      const before = await snapshot();
      const dry = createRecordingStore(harness.store, { sampleSize: 2 });
      const items = dry.container<Item>(ITEMS.name);
      await items.create({ id: 'item-new', productId: 'p1', n: 99 });
      await expect(items.create({ id: 'item-1', productId: 'p1', n: 1 })).rejects.toMatchObject({
        code: 'conflict',
      });
      await items.upsert({ id: 'item-2', productId: 'p1', n: 20 });
      await items.upsert({ id: 'item-new-2', productId: 'p1', n: 98 });
      await items.replace({ id: 'item-3', productId: 'p1', n: 30 });
      await expect(items.replace({ id: 'ghost', productId: 'p1', n: 0 })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await items.delete('item-4', 'p1')).toBe(true);
      expect(await items.delete('ghost', 'p1')).toBe(false);
      await items.batch('p1', [
        { op: 'delete', id: 'item-5' },
        { op: 'upsert', doc: { id: 'item-1', productId: 'p1', n: 10 } },
      ]);
      expect(await items.mutate('item-1', 'p1', () => null)).toMatchObject({ changed: false });
      expect(dry.touches()).toEqual([
        { container: 'items', creates: 2, updates: 3, deletes: 2, sampleIds: ['item-new', 'item-2'] },
      ]);
      expect(await snapshot()).toEqual(before);
      await expect(dry.init([])).rejects.toThrow(/dry run/);
    });

    it('updateEach changes every match once, a second pass finds nothing, and in a dry run nothing is written', async () => {
      const where = { label: { exists: false } };
      const label = (doc: Item) => (doc.label ? null : { ...doc, label: 'none' });
      await harness.store
        .container<Item>(ITEMS.name)
        .mutate('item-2', 'p1', (d) => ({ ...d, label: 'kept' }));

      const dry = createRecordingStore(harness.store);
      expect(await updateEach<Item>({ store: dry }, ITEMS.name, where, label)).toEqual({
        matched: 4,
        changed: 4,
      });
      expect((await snapshot()).filter((i) => i.label === 'none')).toEqual([]);

      expect(await updateEach<Item>({ store: harness.store }, ITEMS.name, where, label)).toEqual({
        matched: 4,
        changed: 4,
      });
      expect((await snapshot()).map((i) => i.label)).toEqual(['none', 'kept', 'none', 'none', 'none']);
      expect(await updateEach<Item>({ store: harness.store }, ITEMS.name, where, label)).toEqual({
        matched: 0,
        changed: 0,
      });
    });
  },
);
