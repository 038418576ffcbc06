/** Contract: every filter operator, ordering, keyset paging, limits, count, field-name validation. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Filter, OrderBy, Stored } from '../document-store';
import type { ContractEnv } from './contract-env';
import { expectStoreError, ITEMS, type Item, sortedIds, uniqueTenant } from './contract-fixture';

const FILTER_DOCS = (tenant: string): Item[] => [
  {
    id: 'f1',
    tenant,
    name: 'Alpha',
    rank: 1,
    active: true,
    tags: ['red', 'blue'],
    note: null,
    meta: { level: 3 },
    email: 'ALICE@example.com',
  },
  { id: 'f2', tenant, name: 'beta', rank: 2, active: false, tags: ['green'], meta: { level: 1 } },
  { id: 'f3', tenant, name: 'alphabet', rank: 3, active: true, tags: [], note: 'hello', meta: { level: 2 } },
  { id: 'f4', tenant, name: 'Gamma', rank: 10, active: false, tags: ['red'], note: 'x' },
];

const FILTER_CASES: [string, Filter<Item>, string[]][] = [
  ['eq string', { name: { eq: 'beta' } }, ['f2']],
  ['eq number', { rank: { eq: 1 } }, ['f1']],
  ['eq boolean', { active: { eq: true } }, ['f1', 'f3']],
  ['eq null', { note: { eq: null } }, ['f1']],
  ['ne string', { name: { ne: 'beta' } }, ['f1', 'f3', 'f4']],
  ['ne boolean', { active: { ne: true } }, ['f2', 'f4']],
  ['lt', { rank: { lt: 3 } }, ['f1', 'f2']],
  ['lte', { rank: { lte: 3 } }, ['f1', 'f2', 'f3']],
  ['gt', { rank: { gt: 2 } }, ['f3', 'f4']],
  ['gte', { rank: { gte: 10 } }, ['f4']],
  ['range on strings', { name: { gte: 'a', lt: 'c' } }, ['f2', 'f3']],
  ['two conditions on one field', { rank: { gt: 1, lt: 10 } }, ['f2', 'f3']],
  ['in strings', { name: { in: ['Alpha', 'Gamma', 'zzz'] } }, ['f1', 'f4']],
  ['in numbers', { rank: { in: [2, 3] } }, ['f2', 'f3']],
  ['in empty', { rank: { in: [] } }, []],
  ['contains substring (case-sensitive)', { name: { contains: 'lpha' } }, ['f1', 'f3']],
  ['contains substring exact case', { name: { contains: 'Alp' } }, ['f1']],
  ['contains array member', { tags: { contains: 'red' } }, ['f1', 'f4']],
  ['icontains', { name: { icontains: 'ALPHA' } }, ['f1', 'f3']],
  ['icontains on mixed case data', { email: { icontains: 'alice' } }, ['f1']],
  ['startsWith (case-sensitive)', { name: { startsWith: 'alpha' } }, ['f3']],
  ['startsWith', { name: { startsWith: 'Al' } }, ['f1']],
  ['exists true (null counts as present)', { note: { exists: true } }, ['f1', 'f3', 'f4']],
  ['exists false', { note: { exists: false } }, ['f2']],
  ['nested path', { 'meta.level': { gte: 2 } }, ['f1', 'f3']],
  ['several fields ANDed', { active: { eq: true }, rank: { gt: 1 } }, ['f3']],
  ['id', { id: { in: ['f2', 'f4'] } }, ['f2', 'f4']],
];

type Sortable = string | number | undefined;
const cmp = (a: Sortable, b: Sortable) =>
  a === b ? 0 : a === undefined || (b !== undefined && a < b) ? -1 : 1;

function expectedOrder(docs: readonly Item[], orderBy: readonly OrderBy<Item>[]): string[] {
  return [...docs]
    .sort((x, y) => {
      for (const o of orderBy) {
        const c = cmp(x[o.field] as Sortable, y[o.field] as Sortable);
        if (c !== 0) return o.direction === 'desc' ? -c : c;
      }
      return cmp(x.id, y.id);
    })
    .map((d) => d.id);
}

export function registerQueryTests(env: ContractEnv) {
  const items = () => env.store.container<Item>(ITEMS.name);

  async function pageAll(query: Parameters<ReturnType<typeof items>['query']>[0]) {
    const seen: Stored<Item>[] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await items().query({ ...query, continuation });
      expect(page.items.length).toBeLessThanOrEqual(query?.limit ?? 100);
      seen.push(...page.items);
      continuation = page.continuation ?? undefined;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (continuation);
    return { ids: seen.map((d) => d.id), pages };
  }

  describe('filters', () => {
    const tenant = uniqueTenant('filter');
    beforeAll(async () => {
      for (const doc of FILTER_DOCS(tenant)) await items().create(doc);
      await items().create({ id: 'f1', tenant: uniqueTenant('filter-other'), name: 'Alpha', rank: 1 });
    });

    it.each(FILTER_CASES)('%s', async (_label, where, expected) => {
      const page = await items().query({ partitionKey: tenant, where });
      expect(sortedIds(page.items)).toEqual(expected);
      expect(await items().count({ partitionKey: tenant, where })).toBe(expected.length);
    });

    it('count without a filter counts the partition', async () => {
      expect(await items().count({ partitionKey: tenant })).toBe(4);
    });

    it('rejects field names that are not plain identifiers', async () => {
      const bad = ['bad-name', "x') OR 1=1 --", '1abc', 'a..b', 'a b', 'name;', ''];
      for (const field of bad) {
        await expectStoreError(items().query({ where: { [field]: { eq: 1 } } }), 'invalid');
        await expectStoreError(items().count({ where: { [field]: { exists: true } } }), 'invalid');
        await expectStoreError(items().query({ orderBy: [{ field: field as 'name' }] }), 'invalid');
      }
    });

    it('orders only by a declared index (then id), or by id alone', async () => {
      await expectStoreError(items().query({ orderBy: [{ field: 'email' }] }), 'invalid');
      await expectStoreError(items().query({ orderBy: [{ field: 'rank' }, { field: 'group' }] }), 'invalid');
      await expectStoreError(items().query({ orderBy: [{ field: 'group' }] }), 'invalid');
      await expectStoreError(items().query({ orderBy: [{ field: 'id' }, { field: 'rank' }] }), 'invalid');
      await expectStoreError(
        items().query({ orderBy: [{ field: 'rank' }, { field: 'id', direction: 'desc' }] }),
        'invalid',
      );
      const page = await items().query({
        partitionKey: tenant,
        orderBy: [{ field: 'rank' }, { field: 'id' }],
      });
      expect(page.items.map((d) => d.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
    });

    it('rejects unknown operators and limits out of range', async () => {
      const where = { name: { like: 'x' } } as unknown as Filter<Item>;
      await expectStoreError(items().query({ where }), 'invalid');
      await expectStoreError(items().query({ partitionKey: tenant, limit: 0 }), 'invalid');
      await expectStoreError(items().query({ partitionKey: tenant, limit: 1001 }), 'invalid');
      await expectStoreError(
        items().query({ partitionKey: tenant, continuation: 'not-a-cursor' }),
        'invalid',
      );
    });
  });

  describe('ordering and paging', () => {
    const tenant = uniqueTenant('order');
    const docs: Item[] = Array.from({ length: 23 }, (_, i) => ({
      id: `o${String(i).padStart(2, '0')}`,
      tenant,
      group: ['b', 'a', 'c'][i % 3],
      rank: (i * 7) % 5,
      name: `n${(i * 11) % 23}`,
    }));
    beforeAll(async () => {
      await Promise.all(docs.map((d) => items().create(d)));
    });

    it('orders by id by default', async () => {
      const page = await items().query({ partitionKey: tenant });
      expect(page.items.map((d) => d.id)).toEqual(expectedOrder(docs, []));
      expect(page.continuation).toBeNull();
    });

    it('orders by several fields then id and pages without duplicates or gaps', async () => {
      const orderBy: OrderBy<Item>[] = [{ field: 'group' }, { field: 'rank', direction: 'desc' }];
      const all = await pageAll({ partitionKey: tenant, orderBy, limit: 4 });
      expect(all.pages).toBe(6);
      expect(all.ids).toEqual(expectedOrder(docs, orderBy));
    });

    it('pages a descending order with a filter', async () => {
      const orderBy: OrderBy<Item>[] = [{ field: 'rank', direction: 'desc' }];
      const all = await pageAll({ partitionKey: tenant, where: { group: { ne: 'c' } }, orderBy, limit: 5 });
      const expected = expectedOrder(
        docs.filter((d) => d.group !== 'c'),
        orderBy,
      );
      expect(all.ids).toEqual(expected);
    });

    it('pages by id descending and exactly divisible pages end with a null continuation', async () => {
      const all = await pageAll({
        partitionKey: tenant,
        orderBy: [{ field: 'id', direction: 'desc' }],
        limit: 23,
      });
      expect(all.ids).toEqual(expectedOrder(docs, []).reverse());
      expect(all.pages).toBe(1);
    });

    it('sorts documents without the field first (ascending) and pages through them', async () => {
      const sparse = uniqueTenant('sparse');
      const docs: Item[] = Array.from({ length: 9 }, (_, i) =>
        i % 3 === 0 ? { id: `s${i}`, tenant: sparse } : { id: `s${i}`, tenant: sparse, rank: i % 4 },
      );
      await Promise.all(docs.map((d) => items().create(d)));
      const asc = await pageAll({ partitionKey: sparse, orderBy: [{ field: 'rank' }], limit: 2 });
      expect(asc.ids.slice(0, 3)).toEqual(['s0', 's3', 's6']);
      expect(asc.ids.slice(3)).toEqual(
        expectedOrder(
          docs.filter((d) => d.rank !== undefined),
          [{ field: 'rank' }],
        ),
      );
      const desc = await pageAll({
        partitionKey: sparse,
        orderBy: [{ field: 'rank', direction: 'desc' }],
        limit: 2,
      });
      expect(new Set(desc.ids).size).toBe(9);
      expect(desc.ids.slice(6)).toEqual(['s0', 's3', 's6']);
    });

    it('refuses a cursor from a differently shaped query', async () => {
      const first = await items().query({ partitionKey: tenant, orderBy: [{ field: 'rank' }], limit: 2 });
      const continuation = first.continuation ?? undefined;
      expect(continuation).toBeDefined();
      await expectStoreError(
        items().query({
          partitionKey: tenant,
          orderBy: [{ field: 'rank', direction: 'desc' }],
          continuation,
        }),
        'invalid',
      );
    });

    it('pages across partitions', async () => {
      const runId = uniqueTenant('run');
      const spread: Item[] = Array.from({ length: 11 }, (_, i) => ({
        id: `x${i}`,
        tenant: uniqueTenant('spread'),
        run: runId,
        rank: i % 4,
      }));
      await Promise.all(spread.map((d) => items().create(d)));
      const orderBy: OrderBy<Item>[] = [{ field: 'rank' }];
      const all = await pageAll({ where: { run: { eq: runId } }, orderBy, limit: 3 });
      expect(all.ids).toEqual(expectedOrder(spread, orderBy));
      expect(await items().count({ where: { run: { eq: runId } } })).toBe(11);
    });

    it('defaults to 100 items a page', async () => {
      const bulk = uniqueTenant('bulk');
      await Promise.all(Array.from({ length: 101 }, (_, i) => items().create({ id: `b${i}`, tenant: bulk })));
      const first = await items().query({ partitionKey: bulk });
      expect(first.items).toHaveLength(100);
      expect(first.continuation).not.toBeNull();
      const second = await items().query({
        partitionKey: bulk,
        continuation: first.continuation ?? undefined,
      });
      expect(second.items).toHaveLength(1);
      expect(second.continuation).toBeNull();
    });
  });
}
