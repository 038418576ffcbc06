import { isStoreError } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { describe, expect, it } from 'vitest';
import { createWriteBatcher } from './write-batcher';

type Doc = { id: string; productId: string; n: number };

describe('write batcher', () => {
  it('groups writes into batches and gives each caller its own outcome when one fails', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.init([{ name: 'things', partitionKey: ['productId'] }]);
    const things = () => store.container<Doc>('things');
    let batches = 0;
    const counted = () => {
      const c = things();
      return {
        ...c,
        batch: (pk: string, ops: Parameters<typeof c.batch>[1]) => {
          batches += 1;
          return c.batch(pk, ops);
        },
      };
    };
    const writer = createWriteBatcher<Doc>(counted);
    await things().create({ id: 'taken', productId: 'a', n: 0 });
    const results = await Promise.allSettled([
      ...Array.from({ length: 250 }, (_, i) => writer.create({ id: `d${i}`, productId: 'a', n: i })),
      writer.create({ id: 'taken', productId: 'a', n: 1 }),
      writer.create({ id: 'other', productId: 'b', n: 2 }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isStoreError((rejected[0] as PromiseRejectedResult).reason, 'conflict')).toBe(true);
    expect(await things().count({ partitionKey: 'a' })).toBe(251);
    expect(await things().count({ partitionKey: 'b' })).toBe(1);
    // 251 writes to partition a in chunks of 100 (the chunk with the conflict is retried one by one).
    expect(batches).toBe(3);

    const stored = await things().read('d1', 'a');
    const stale = stored?._etag ?? '';
    await writer.replace({ id: 'd1', productId: 'a', n: 10 }, stale);
    await expect(writer.replace({ id: 'd1', productId: 'a', n: 11 }, stale)).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect((await things().read('d1', 'a'))?.n).toBe(10);
    await writer.idle();
    await store.close();
  });
});
