import { afterEach, describe, expect, it } from 'vitest';
import { ALL_CONTAINERS } from '../../services';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { createUsageRecorder, type UsageCall } from './usage';

const call = (over: Partial<UsageCall> = {}): UsageCall => ({
  productId: 'p1',
  client: 'token:tok-1',
  version: 'v0',
  operation: 'users.list',
  kind: 'version',
  ...over,
});

describe('deprecated-version usage', () => {
  let h: TestHarness;
  afterEach(async () => h.close());

  it('adds up the calls of two instances on one document per client, version, operation and day', async () => {
    h = await createTestHarness();
    const other = h.openStore();
    await other.init(ALL_CONTAINERS);
    try {
      // A long debounce: nothing is written until flush, so the request path never waits for the store.
      const a = createUsageRecorder({ store: h.store, clock: h.clock, flushMs: 60_000 });
      const b = createUsageRecorder({ store: other, clock: h.clock, flushMs: 60_000 });
      for (let i = 0; i < 5; i += 1) a.record(call());
      for (let i = 0; i < 3; i += 1) b.record(call());
      b.record(call({ client: 'product:p1' }));
      expect(a.pendingCount()).toBe(5);
      expect(await a.list('p1', '2000-01-01')).toEqual([]);
      await Promise.all([a.flush(), b.flush()]);
      expect(a.pendingCount() + b.pendingCount()).toBe(0);
      const rows = await a.list('p1', '2000-01-01');
      expect(rows.map((row) => `${row.client} ${row.count}`).sort()).toEqual([
        'product:p1 1',
        'token:tok-1 8',
      ]);
      // A call on the next day is its own document, summed with the first in the list.
      h.advance(24 * 3600 * 1000);
      a.record(call());
      await a.flush();
      const token = (await a.list('p1', '2000-01-01')).find((row) => row.client === 'token:tok-1');
      expect(token).toMatchObject({ count: 9, lastSeenAt: new Date(h.clock()).toISOString() });
      const today = new Date(h.clock()).toISOString().slice(0, 10);
      expect((await a.list('p1', today)).map((row) => row.count)).toEqual([1]);
    } finally {
      await other.close();
    }
  });

  it('writes on its own after the debounce', async () => {
    h = await createTestHarness();
    const recorder = createUsageRecorder({ store: h.store, clock: h.clock, flushMs: 20 });
    recorder.record(call());
    await expect.poll(() => recorder.list('p1', '2000-01-01').then((rows) => rows.length)).toBe(1);
  });
});
