/**
 * Contract: a write and its outbox entries commit together (the transactional outbox), and `mutate` applies
 * concurrent changes without losing one.
 */
import { describe, expect, it } from 'vitest';
import type { BaseDoc, Outbox, OutboxEntry, Stored } from '../document-store';
import type { ContractEnv } from './contract-env';
import {
  type ContractOptions,
  expectStoreError,
  ITEMS,
  type Item,
  OUTBOX_TARGET,
  sortedIds,
  uniqueTenant,
} from './contract-fixture';

type Entry = { id: string; tenant: string; about: string };

/** An outbox of entries for OUTBOX_TARGET that counts how often it was told of its commit. */
const outboxOf = (tenant: string, ...about: string[]) => {
  const state = { committed: 0, stored: [] as Stored<BaseDoc>[] };
  const entries: OutboxEntry[] = about.map((a) => ({
    container: OUTBOX_TARGET.name,
    doc: { id: `${a}-${tenant}`, tenant, about: a } satisfies Entry,
  }));
  const outbox: Outbox = {
    entries,
    committed: (stored) => {
      state.committed += 1;
      state.stored = [...stored];
    },
  };
  return { outbox, state };
};

export function registerOutboxTests(env: ContractEnv, options: ContractOptions) {
  const items = () => env.store.container<Item>(ITEMS.name);
  const target = () => env.store.container<Entry>(OUTBOX_TARGET.name);
  const entriesOf = async (tenant: string) =>
    (await target().query({ partitionKey: tenant })).items.map((d) => d.about).sort();
  const rollbackIt = options.batchRollbackUnsupported ? it.skip : it;

  describe('transactional outbox', () => {
    it('commits each kind of write with its entries, and says so once per write', async () => {
      const tenant = uniqueTenant('outbox');
      const created = outboxOf(tenant, 'created');
      await items().create({ id: 'a', tenant, rank: 1 }, { outbox: created.outbox });
      const replaced = outboxOf(tenant, 'replaced');
      await items().replace({ id: 'a', tenant, rank: 2 }, { outbox: replaced.outbox });
      const upserted = outboxOf(tenant, 'upserted', 'upserted-too');
      await items().upsert({ id: 'b', tenant, rank: 3 }, { outbox: upserted.outbox });
      const deleted = outboxOf(tenant, 'deleted');
      expect(await items().delete('b', tenant, { outbox: deleted.outbox })).toBe(true);
      const batched = outboxOf(tenant, 'batched');
      await items().batch(tenant, [{ op: 'create', doc: { id: 'c', tenant, rank: 4 } }], {
        outbox: batched.outbox,
      });

      expect(await entriesOf(tenant)).toEqual([
        'batched',
        'created',
        'deleted',
        'replaced',
        'upserted',
        'upserted-too',
      ]);
      for (const o of [created, replaced, upserted, deleted, batched]) expect(o.state.committed).toBe(1);
      // The callback gets the entries as stored, etags included, so their next write can be conditional.
      const [first, second] = upserted.state.stored;
      expect([first?.id, second?.id]).toEqual([`upserted-${tenant}`, `upserted-too-${tenant}`]);
      const storedFirst = await target().read(`upserted-${tenant}`, tenant);
      expect(first?._etag).toBe(storedFirst?._etag);
      expect(sortedIds((await items().query({ partitionKey: tenant })).items)).toEqual(['a', 'c']);
      expect((await items().read('a', tenant))?.rank).toBe(2);
    });

    it('writes no entry when the change fails', async () => {
      const tenant = uniqueTenant('outbox');
      await items().create({ id: 'taken', tenant, rank: 1 });
      const conflict = outboxOf(tenant, 'conflict');
      await expectStoreError(
        items().create({ id: 'taken', tenant }, { outbox: conflict.outbox }),
        'conflict',
      );
      const stale = outboxOf(tenant, 'stale');
      await expectStoreError(
        items().replace({ id: 'taken', tenant, rank: 5 }, { ifMatch: 'stale-etag', outbox: stale.outbox }),
        'precondition_failed',
      );
      const absent = outboxOf(tenant, 'absent');
      expect(await items().delete('nobody', tenant, { outbox: absent.outbox })).toBe(false);
      expect(await entriesOf(tenant)).toEqual([]);
      for (const o of [conflict, stale, absent]) expect(o.state.committed).toBe(0);
      expect((await items().read('taken', tenant))?.rank).toBe(1);
    });

    it('refuses an entry for an undeclared container or with a bad id before writing anything', async () => {
      const tenant = uniqueTenant('outbox');
      const undeclared: Outbox = { entries: [{ container: 'no_such_container', doc: { id: 'x' } }] };
      await expectStoreError(items().create({ id: 'a', tenant }, { outbox: undeclared }), 'invalid');
      const badId: Outbox = {
        entries: [{ container: OUTBOX_TARGET.name, doc: { id: 'a/b', tenant } as BaseDoc }],
      };
      await expectStoreError(items().create({ id: 'a', tenant }, { outbox: badId }), 'invalid');
      expect(await items().read('a', tenant)).toBeUndefined();
    });

    rollbackIt('a failure while writing the entries leaves neither the change nor any entry', async () => {
      const tenant = uniqueTenant('outbox');
      // Valid by every check, but it cannot be serialised: the write fails after the change was applied in it.
      const unwritable = { id: `bad-${tenant}`, tenant, about: 'bad', size: 1n } as unknown as BaseDoc;
      const outbox: Outbox = {
        entries: [
          { container: OUTBOX_TARGET.name, doc: { id: `ok-${tenant}`, tenant, about: 'ok' } as Entry },
          { container: OUTBOX_TARGET.name, doc: unwritable },
        ],
      };
      await expect(items().create({ id: 'a', tenant, rank: 1 }, { outbox })).rejects.toThrow();
      expect(await items().read('a', tenant)).toBeUndefined();
      expect(await entriesOf(tenant)).toEqual([]);
    });

    it('keeps outbox bookkeeping out of queries and counts', async () => {
      const tenant = uniqueTenant('outbox');
      await items().create({ id: 'a', tenant, rank: 1 }, { outbox: outboxOf(tenant, 'one').outbox });
      expect(sortedIds((await items().query({ partitionKey: tenant })).items)).toEqual(['a']);
      expect(await items().count({ partitionKey: tenant })).toBe(1);
      expect(await env.store.relayOutbox({ minAgeMs: 0 })).toBe(0);
    });
  });

  describe('mutate', () => {
    it('applies concurrent changes one after another and commits each change with its outbox', async () => {
      const tenant = uniqueTenant('mutate');
      await items().create({ id: 'counter', tenant, rank: 0 });
      let outboxes = 0;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          items().mutate('counter', tenant, (current) => ({ ...current, rank: (current.rank ?? 0) + 1 }), {
            outbox: (next) => {
              outboxes += 1;
              return outboxOf(tenant, `step-${i}-${next.rank}-${outboxes}`).outbox;
            },
          }),
        ),
      );
      expect(results.every((r) => r?.changed)).toBe(true);
      expect(results).toHaveLength(8);
      expect((await items().read('counter', tenant))?.rank).toBe(8);
      // One entry per committed change, none from the attempts that lost a race.
      const ranks = (await entriesOf(tenant)).map((a) => Number(a.split('-')[2])).sort((x, y) => x - y);
      expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('leaves the document when the change returns null, and answers undefined when it is absent', async () => {
      const tenant = uniqueTenant('mutate');
      const created = await items().create({ id: 'a', tenant, rank: 3 });
      const same = await items().mutate('a', tenant, () => null);
      expect(same?.changed).toBe(false);
      expect(same?.doc._etag).toBe(created._etag);
      expect(await items().mutate('absent', tenant, (d) => d)).toBeUndefined();
    });

    it('gives up with precondition_failed when the document keeps changing', async () => {
      const tenant = uniqueTenant('mutate');
      await items().create({ id: 'busy', tenant, rank: 0 });
      let rounds = 0;
      await expectStoreError(
        items().mutate(
          'busy',
          tenant,
          async (current) => {
            rounds += 1;
            // Another writer slips in after every read.
            await items().upsert({ id: 'busy', tenant, rank: -rounds });
            return { ...current, rank: 100 };
          },
          { attempts: 3 },
        ),
        'precondition_failed',
      );
      expect(rounds).toBe(3);
      expect((await items().read('busy', tenant))?.rank).toBe(-3);
    });
  });
}
