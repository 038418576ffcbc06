import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINERS } from './containers';
import type { Clock, DocumentStore } from './document-store';
import { createRateCounters } from './rate-counters';
import { type CosmosTestServer, startCosmosServer } from './testing/cosmos-server';
import { storeDrivers } from './testing/store-drivers';

let cosmos: CosmosTestServer | undefined;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos?.stop();
});

const drivers = storeDrivers('rate', () => cosmos);

const HOUR = 60 * 60_000;

describe.each(drivers)('rate counters on %s', (_name, make) => {
  let now = Date.UTC(2026, 0, 1, 10, 0, 0);
  const clock: Clock = () => now;
  let harness: ReturnType<typeof make> | undefined;

  beforeAll(async () => {
    harness = make(clock);
    await harness.store.init([CONTAINERS.rateCounters]);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('allows the limit in a window, refuses beyond it, and starts again in the next window', async () => {
    const counters = createRateCounters(harness?.store as DocumentStore, { clock });
    const window = { limit: 3, windowMs: HOUR };
    const hits = [];
    for (let i = 0; i < 5; i += 1) hits.push(await counters.hit('reset:a@example.com', window));
    expect(hits.map((h) => [h.allowed, h.count])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
      [false, 5],
    ]);
    expect(hits[0]?.resetAt).toBe(Date.UTC(2026, 0, 1, 11, 0, 0));
    expect(await counters.peek('reset:b@example.com', window)).toBe(0);
    expect((await counters.hit('reset:b@example.com', window)).allowed).toBe(true);
    now += HOUR;
    expect(await counters.peek('reset:a@example.com', window)).toBe(0);
    expect(await counters.hit('reset:a@example.com', window)).toMatchObject({ allowed: true, count: 1 });
  });

  it('counts every concurrent hit from several instances exactly once', async () => {
    const store = harness?.store as DocumentStore;
    const instances = [createRateCounters(store, { clock }), createRateCounters(store, { clock })];
    const window = { limit: 10, windowMs: HOUR };
    const hits = await Promise.all(
      Array.from({ length: 16 }, (_, i) => instances[i % 2]?.hit('ip:127.0.0.9', window)),
    );
    const counts = hits.map((h) => h?.count).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(counts).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(hits.filter((h) => h?.allowed)).toHaveLength(10);
    expect(await instances[0]?.peek('ip:127.0.0.9', window)).toBe(16);
  });

  it('refuses an empty key or a window that is not positive', async () => {
    const counters = createRateCounters(harness?.store as DocumentStore, { clock });
    await expect(counters.hit('', { limit: 1, windowMs: 1000 })).rejects.toThrow(/non-empty/);
    await expect(counters.hit('k', { limit: 1, windowMs: 0 })).rejects.toThrow(/invalid rate window/);
  });
});
