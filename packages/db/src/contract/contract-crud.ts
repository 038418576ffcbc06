/** Contract: point operations, etags, conflicts, partition isolation, init and container lookup. */
import { expect, it } from 'vitest';
import { PLATFORM_CONTAINERS } from '../containers';
import type { ContractEnv } from './contract-env';
import {
  CONTRACT_CONTAINERS,
  expectStoreError,
  ITEMS,
  type Item,
  MULTI,
  type MultiItem,
  uniqueTenant,
} from './contract-fixture';

const SYSTEM_KEYS = new Set(['_etag', '_ts']);

export function registerCrudTests(env: ContractEnv) {
  const items = () => env.store.container<Item>(ITEMS.name);

  it('init is idempotent, keeps data and creates the whole catalogue', async () => {
    const tenant = uniqueTenant();
    await items().create({ id: 'kept', tenant });
    await env.store.init(CONTRACT_CONTAINERS);
    expect(await items().read('kept', tenant)).toBeDefined();
    await env.store.init(PLATFORM_CONTAINERS);
    await env.store.init(PLATFORM_CONTAINERS);
    await env.store.ping();
    expect(env.store.container(ITEMS.name).def.name).toBe(ITEMS.name);
  });

  it('rejects a container that init did not declare', () => {
    expect(() => env.store.container('never_declared')).toThrowError(
      expect.objectContaining({ code: 'invalid' }),
    );
  });

  it('creates and reads a document with _etag and _ts and no other system fields', async () => {
    const tenant = uniqueTenant();
    const doc: Item = { id: 'a', tenant, name: 'Alpha', tags: ['x'], meta: { level: 1 } };
    const created = await items().create(doc);
    expect(created).toMatchObject(doc);
    expect(typeof created._etag).toBe('string');
    expect(created._etag.length).toBeGreaterThan(0);
    expect(Number.isInteger(created._ts)).toBe(true);
    const read = await items().read('a', tenant);
    expect(read).toEqual(created);
    const extra = Object.keys(read ?? {}).filter((k) => !(k in doc) && !SYSTEM_KEYS.has(k));
    expect(extra).toEqual([]);
    expect(await items().read('missing', tenant)).toBeUndefined();
  });

  it('create conflicts on an existing id in the partition but not in another partition', async () => {
    const [a, b] = [uniqueTenant(), uniqueTenant()];
    await items().create({ id: 'dup', tenant: a, name: 'first' });
    await expectStoreError(items().create({ id: 'dup', tenant: a, name: 'second' }), 'conflict');
    await items().create({ id: 'dup', tenant: b, name: 'other' });
    expect((await items().read('dup', a))?.name).toBe('first');
    expect((await items().read('dup', b))?.name).toBe('other');
  });

  it('keeps partitions isolated for read, query, count and delete', async () => {
    const [a, b] = [uniqueTenant(), uniqueTenant()];
    await items().create({ id: 'p1', tenant: a, name: 'in-a' });
    await items().create({ id: 'p2', tenant: b, name: 'in-b' });
    expect(await items().read('p1', b)).toBeUndefined();
    const pageA = await items().query({ partitionKey: a });
    expect(pageA.items.map((d) => d.id)).toEqual(['p1']);
    expect(await items().count({ partitionKey: b })).toBe(1);
    expect(await items().delete('p1', b)).toBe(false);
    expect(await items().read('p1', a)).toBeDefined();
  });

  it('upsert creates then overwrites, with a fresh etag each write', async () => {
    const tenant = uniqueTenant();
    const first = await items().upsert({ id: 'u', tenant, rank: 1 });
    const second = await items().upsert({ id: 'u', tenant, rank: 2 });
    expect(second._etag).not.toBe(first._etag);
    expect((await items().read('u', tenant))?.rank).toBe(2);
  });

  it('replace honours ifMatch: fresh etag wins, stale etag fails, absent is not_found', async () => {
    const tenant = uniqueTenant();
    const v1 = await items().create({ id: 'r', tenant, rank: 1 });
    const v2 = await items().replace({ id: 'r', tenant, rank: 2 }, { ifMatch: v1._etag });
    expect(v2.rank).toBe(2);
    expect(v2._etag).not.toBe(v1._etag);
    await expectStoreError(
      items().replace({ id: 'r', tenant, rank: 3 }, { ifMatch: v1._etag }),
      'precondition_failed',
    );
    expect((await items().read('r', tenant))?.rank).toBe(2);
    const v3 = await items().replace({ id: 'r', tenant, rank: 4 });
    expect(v3.rank).toBe(4);
    await expectStoreError(items().replace({ id: 'nope', tenant, rank: 1 }), 'not_found');
    await expectStoreError(
      items().replace({ id: 'nope', tenant, rank: 1 }, { ifMatch: v1._etag }),
      'not_found',
    );
  });

  it('delete returns whether it deleted and honours ifMatch', async () => {
    const tenant = uniqueTenant();
    const v1 = await items().create({ id: 'd', tenant });
    await items().replace({ id: 'd', tenant, rank: 1 });
    await expectStoreError(items().delete('d', tenant, { ifMatch: v1._etag }), 'precondition_failed');
    expect(await items().read('d', tenant)).toBeDefined();
    const current = await items().read('d', tenant);
    expect(await items().delete('d', tenant, { ifMatch: current?._etag })).toBe(true);
    expect(await items().read('d', tenant)).toBeUndefined();
    expect(await items().delete('d', tenant)).toBe(false);
  });

  it('derives a multi-field partition key and uses it for reads and queries', async () => {
    const multi = env.store.container<MultiItem>(MULTI.name);
    const tenant = uniqueTenant();
    const doc: MultiItem = { id: 'm1', tenant, kind: 'job', value: 1 };
    expect(multi.partitionKeyOf(doc)).toBe(`${tenant}:job`);
    const created = await multi.create(doc);
    await multi.create({ id: 'm1', tenant, kind: 'other', value: 2 });
    expect(Object.keys(created).sort()).toEqual(['_etag', '_ts', 'id', 'kind', 'tenant', 'value']);
    expect((await multi.read('m1', `${tenant}:job`))?.value).toBe(1);
    expect((await multi.read('m1', `${tenant}:other`))?.value).toBe(2);
    const page = await multi.query({ partitionKey: `${tenant}:other` });
    expect(page.items.map((d) => d.value)).toEqual([2]);
    await expectStoreError(multi.create({ id: 'm2', tenant, kind: '', value: 0 }), 'invalid');
  });

  it('rejects documents without an id or partition key value, and ids Cosmos cannot hold', async () => {
    await expectStoreError(items().create({ id: '', tenant: uniqueTenant() }), 'invalid');
    for (const id of ['a/b', 'a\\b', 'a?b', 'a#b', 'x'.repeat(256)]) {
      await expectStoreError(items().create({ id, tenant: uniqueTenant() }), 'invalid');
    }
    await expect(
      items().create({ id: 'job:2026-01-01T00:00', tenant: uniqueTenant() }),
    ).resolves.toBeDefined();
    await expectStoreError(items().create({ id: 'x' } as Item), 'invalid');
  });
}
