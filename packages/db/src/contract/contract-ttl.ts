/** Contract: container and per-document TTL against a moved clock; expired documents never surface. */
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract-env';
import { ITEMS, type Item, sortedIds, TTL_ITEMS, uniqueTenant } from './contract-fixture';

const SECOND = 1000;

export function registerTtlTests(env: ContractEnv) {
  const ttlItems = () => env.store.container<Item>(TTL_ITEMS.name);
  const items = () => env.store.container<Item>(ITEMS.name);

  describe('time to live', () => {
    it('expires documents after the container default and hides them everywhere', async () => {
      const tenant = uniqueTenant('ttl');
      await ttlItems().create({ id: 'e', tenant, rank: 1 });
      env.advance(30 * SECOND);
      expect(await ttlItems().read('e', tenant)).toBeDefined();
      env.advance(31 * SECOND);
      expect(await ttlItems().read('e', tenant)).toBeUndefined();
      expect((await ttlItems().query({ partitionKey: tenant })).items).toEqual([]);
      expect((await ttlItems().query({ where: { tenant: { eq: tenant } } })).items).toEqual([]);
      expect(await ttlItems().count({ partitionKey: tenant })).toBe(0);
      expect(await ttlItems().delete('e', tenant)).toBe(false);
      // An expired id is free again.
      const again = await ttlItems().create({ id: 'e', tenant, rank: 2 });
      expect(again.rank).toBe(2);
    });

    it('a write restarts the clock of the container default', async () => {
      const tenant = uniqueTenant('ttl');
      await ttlItems().create({ id: 'w', tenant });
      env.advance(50 * SECOND);
      await ttlItems().upsert({ id: 'w', tenant, rank: 1 });
      env.advance(50 * SECOND);
      expect((await ttlItems().read('w', tenant))?.rank).toBe(1);
    });

    it('a per-document ttl overrides the container default; -1 never expires', async () => {
      const tenant = uniqueTenant('ttl');
      await ttlItems().create({ id: 'forever', tenant }, { ttl: -1 });
      await ttlItems().create({ id: 'long', tenant, ttl: 600 });
      await ttlItems().create({ id: 'default', tenant });
      env.advance(120 * SECOND);
      expect(sortedIds((await ttlItems().query({ partitionKey: tenant })).items)).toEqual([
        'forever',
        'long',
      ]);
      expect((await ttlItems().read('long', tenant))?.ttl).toBe(600);
      env.advance(600 * SECOND);
      expect(sortedIds((await ttlItems().query({ partitionKey: tenant })).items)).toEqual(['forever']);
      expect(await ttlItems().count({ partitionKey: tenant })).toBe(1);
    });

    it('a per-document ttl applies in a container without a default', async () => {
      const tenant = uniqueTenant('ttl');
      await items().create({ id: 'short', tenant }, { ttl: 5 });
      await items().create({ id: 'stays', tenant });
      env.advance(6 * SECOND);
      expect(await items().read('short', tenant)).toBeUndefined();
      expect(sortedIds((await items().query({ partitionKey: tenant })).items)).toEqual(['stays']);
    });

    it('replace of an expired document is not_found', async () => {
      const tenant = uniqueTenant('ttl');
      const v1 = await items().create({ id: 'gone', tenant }, { ttl: 1 });
      env.advance(2 * SECOND);
      await expect(items().replace({ id: 'gone', tenant }, { ifMatch: v1._etag })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('purgeExpired deletes expired documents and leaves live ones', async () => {
      const tenant = uniqueTenant('ttl');
      await ttlItems().create({ id: 'p1', tenant });
      await ttlItems().create({ id: 'p2', tenant });
      await ttlItems().create({ id: 'keep', tenant }, { ttl: -1 });
      env.advance(61 * SECOND);
      expect(await env.store.purgeExpired()).toBeGreaterThanOrEqual(2);
      expect(await env.store.purgeExpired()).toBe(0);
      expect(sortedIds((await ttlItems().query({ partitionKey: tenant })).items)).toEqual(['keep']);
      await expect(ttlItems().create({ id: 'p1', tenant })).resolves.toMatchObject({ id: 'p1' });
    });

    it('rejects a ttl that is neither positive nor -1', async () => {
      await expect(
        items().create({ id: 'bad', tenant: uniqueTenant('ttl') }, { ttl: 0 }),
      ).rejects.toMatchObject({
        code: 'invalid',
      });
    });
  });
}
