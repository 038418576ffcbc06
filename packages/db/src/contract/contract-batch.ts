/** Contract: transactional batches inside one partition apply all operations or none. */
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract-env';
import {
  type ContractOptions,
  expectStoreError,
  ITEMS,
  type Item,
  sortedIds,
  uniqueTenant,
} from './contract-fixture';

export function registerBatchTests(env: ContractEnv, options: ContractOptions) {
  const items = () => env.store.container<Item>(ITEMS.name);
  const rollbackSkip = options.batchRollbackUnsupported;
  const rollbackIt = rollbackSkip ? it.skip : it;
  const rollbackTitle = rollbackSkip
    ? `applies nothing when one operation conflicts (skipped: ${rollbackSkip})`
    : 'applies nothing when one operation conflicts';

  describe('transactional batch', () => {
    it('applies every operation and returns the written documents', async () => {
      const tenant = uniqueTenant('batch');
      await items().create({ id: 'old', tenant, rank: 0 });
      const written = await items().batch(tenant, [
        { op: 'create', doc: { id: 'a', tenant, rank: 1 } },
        { op: 'upsert', doc: { id: 'b', tenant, rank: 2 } },
        { op: 'replace', doc: { id: 'old', tenant, rank: 9 } },
      ]);
      expect(written.map((d) => [d.id, d.rank])).toEqual([
        ['a', 1],
        ['b', 2],
        ['old', 9],
      ]);
      for (const doc of written) expect(typeof doc._etag).toBe('string');
      const a = await items().read('a', tenant);
      await items().batch(tenant, [
        { op: 'replace', doc: { id: 'a', tenant, rank: 10 }, ifMatch: a?._etag },
        { op: 'delete', id: 'b' },
      ]);
      const page = await items().query({ partitionKey: tenant });
      expect(page.items.map((d) => [d.id, d.rank])).toEqual([
        ['a', 10],
        ['old', 9],
      ]);
    });

    rollbackIt(rollbackTitle, async () => {
      const tenant = uniqueTenant('batch');
      await items().create({ id: 'taken', tenant, rank: 1 });
      await expectStoreError(
        items().batch(tenant, [
          { op: 'create', doc: { id: 'new', tenant, rank: 1 } },
          { op: 'upsert', doc: { id: 'taken', tenant, rank: 2 } },
          { op: 'create', doc: { id: 'taken', tenant, rank: 3 } },
        ]),
        'conflict',
      );
      expect(await items().read('new', tenant)).toBeUndefined();
      expect((await items().read('taken', tenant))?.rank).toBe(1);
    });

    it('applies nothing on a stale ifMatch or a missing document', async () => {
      const tenant = uniqueTenant('batch');
      const v1 = await items().create({ id: 'x', tenant, rank: 1 });
      await items().replace({ id: 'x', tenant, rank: 2 });
      await expectStoreError(
        items().batch(tenant, [
          { op: 'create', doc: { id: 'y', tenant } },
          { op: 'replace', doc: { id: 'x', tenant, rank: 3 }, ifMatch: v1._etag },
        ]),
        'precondition_failed',
      );
      await expectStoreError(
        items().batch(tenant, [
          { op: 'create', doc: { id: 'z', tenant } },
          { op: 'delete', id: 'ghost' },
        ]),
        'not_found',
      );
      expect(sortedIds((await items().query({ partitionKey: tenant })).items)).toEqual(['x']);
      expect((await items().read('x', tenant))?.rank).toBe(2);
    });

    it('refuses more than 100 operations', async () => {
      const tenant = uniqueTenant('batch');
      const ops = Array.from({ length: 101 }, (_, i) => ({
        op: 'create' as const,
        doc: { id: `n${i}`, tenant },
      }));
      await expectStoreError(items().batch(tenant, ops), 'invalid');
      expect(await items().count({ partitionKey: tenant })).toBe(0);
    });

    it('refuses a document from another partition and applies nothing', async () => {
      const tenant = uniqueTenant('batch');
      await expectStoreError(
        items().batch(tenant, [
          { op: 'create', doc: { id: 'in', tenant } },
          { op: 'create', doc: { id: 'out', tenant: uniqueTenant('elsewhere') } },
        ]),
        'invalid',
      );
      expect(await items().count({ partitionKey: tenant })).toBe(0);
    });
  });
}
