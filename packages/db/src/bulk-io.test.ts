import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock, ContainerDef, DocumentStore, ScannedDoc } from './document-store';
import { withoutSystemFields } from './document-store';
import { type CosmosTestServer, startCosmosServer } from './testing/cosmos-server';
import { storeDrivers } from './testing/store-drivers';

let cosmos: CosmosTestServer | undefined;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos?.stop();
});

const SINGLE: ContainerDef = { name: 'bulk_single', partitionKey: ['tenant'] };
const MULTI: ContainerDef = { name: 'bulk_multi', partitionKey: ['tenant', 'kind'], defaultTtl: 60 };

type Doc = { id: string; tenant: string; kind?: string; n: number; nested?: { tags: string[] } };

const collect = async <T extends { id: string }>(pages: AsyncIterable<ScannedDoc<T>[]>) => {
  const all: ScannedDoc<T>[] = [];
  let pageCount = 0;
  for await (const page of pages) {
    pageCount += 1;
    all.push(...page);
  }
  return { all, pageCount };
};

describe.each(storeDrivers('bulk', () => cosmos))('scan, bulk write and clear on %s', (_name, make) => {
  let now = Date.UTC(2026, 0, 1, 10, 0, 0);
  const clock: Clock = () => now;
  let harness: ReturnType<typeof make>;
  let store: DocumentStore;

  beforeEach(async () => {
    now = Date.UTC(2026, 0, 1, 10, 0, 0);
    harness = make(clock);
    store = harness.store;
    await store.init([SINGLE, MULTI]);
  });
  afterEach(async () => {
    await harness.cleanup();
  });

  it('lists the declared containers in order', () => {
    expect(store.declared().map((def) => def.name)).toEqual(['bulk_single', 'bulk_multi']);
  });

  it('bulk-writes across partitions and scans every document back, page by page', async () => {
    const docs: Doc[] = Array.from({ length: 57 }, (_, i) => ({
      id: `d${String(i).padStart(3, '0')}`,
      tenant: `t${i % 5}`,
      n: i,
      nested: { tags: [`x${i}`] },
    }));
    const written = await store.container<Doc>(SINGLE.name).bulkWrite(docs.map((doc) => ({ doc })));
    expect(written).toBe(57);
    const { all, pageCount } = await collect(store.container<Doc>(SINGLE.name).scan({ pageSize: 10 }));
    expect(pageCount).toBe(6);
    expect(all).toHaveLength(57);
    const byId = new Map(all.map((entry) => [entry.doc.id, entry]));
    for (const doc of docs) {
      const found = byId.get(doc.id);
      expect(found && withoutSystemFields(found.doc)).toEqual(doc);
      expect(found?.partitionKey).toBe(doc.tenant);
      expect(found?.expiresAt).toBeNull();
    }
  });

  it('scans synthetic partition keys and expiries, and skips expired documents', async () => {
    const multi = store.container<Doc>(MULTI.name);
    await multi.bulkWrite([
      { doc: { id: 'a', tenant: 't1', kind: 'k1', n: 1 } },
      { doc: { id: 'b', tenant: 't1', kind: 'k2', n: 2 }, ttl: -1 },
      { doc: { id: 'c', tenant: 't2', kind: 'k1', n: 3 }, ttl: 5 },
    ]);
    const { all } = await collect(multi.scan());
    const byId = new Map(all.map((entry) => [entry.doc.id, entry]));
    expect(byId.get('a')?.partitionKey).toBe('t1:k1');
    expect(byId.get('a')?.expiresAt).toBe(now + 60_000);
    expect(byId.get('b')?.expiresAt).toBeNull();
    expect(byId.get('c')?.expiresAt).toBe(now + 5_000);
    now += 10_000;
    const later = await collect(multi.scan());
    expect(later.all.map((entry) => entry.doc.id).sort()).toEqual(['a', 'b']);
  });

  it('create mode refuses an existing id; upsert mode overwrites it', async () => {
    const single = store.container<Doc>(SINGLE.name);
    await single.create({ id: 'x', tenant: 't', n: 1 });
    await expect(
      single.bulkWrite([{ doc: { id: 'x', tenant: 't', n: 2 } }], { mode: 'create' }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'conflict' });
    await single.bulkWrite([{ doc: { id: 'x', tenant: 't', n: 3 } }]);
    expect((await single.read('x', 't'))?.n).toBe(3);
  });

  it('clear deletes every document and counts the live ones', async () => {
    const multi = store.container<Doc>(MULTI.name);
    await multi.bulkWrite(
      Array.from({ length: 23 }, (_, i) => ({ doc: { id: `m${i}`, tenant: `t${i % 3}`, kind: 'k', n: i } })),
    );
    await multi.create({ id: 'short', tenant: 't9', kind: 'k', n: 0 }, { ttl: 1 });
    now += 2_000;
    expect(await multi.clear()).toBe(23);
    expect(await multi.count()).toBe(0);
    expect((await collect(multi.scan())).all).toEqual([]);
    // The ids are free again.
    await multi.create({ id: 'm0', tenant: 't0', kind: 'k', n: 1 });
    expect(await multi.count()).toBe(1);
  });

  it('refuses a page size out of range', async () => {
    const pages = store.container<Doc>(SINGLE.name).scan({ pageSize: 0 });
    await expect(collect(pages)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('the account description', () => {
  it('names the regions and consistency of a Cosmos account', async () => {
    const [, make] = storeDrivers('account', () => cosmos)[1] ?? [];
    const harness = make?.(() => Date.now());
    const account = await harness?.store.account?.();
    expect(account?.writableRegions.length).toBeGreaterThan(0);
    expect(typeof account?.consistency).toBe('string');
    await harness?.cleanup();
  });
});
