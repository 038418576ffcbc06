import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINERS } from './containers';
import type { Clock } from './document-store';
import { createLeaseManager, type Lease, type LeaseManager } from './leases';
import { type CosmosTestServer, startCosmosServer } from './testing/cosmos-server';
import { type DriverHarness, storeDrivers } from './testing/store-drivers';

type Harness = DriverHarness;

let cosmos: CosmosTestServer | undefined;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos?.stop();
});

const drivers = storeDrivers('leases', () => cosmos);

const CONTENDERS = 24;
const TTL = 10_000;

describe.each(drivers)('leases on %s', (_name, make) => {
  let now = Date.UTC(2026, 0, 1);
  const clock: Clock = () => now;
  let harness: Harness | undefined;
  let leases: LeaseManager;

  beforeAll(async () => {
    harness = make(clock);
    await harness.store.init([CONTAINERS.leases]);
    leases = createLeaseManager(harness.store, { clock });
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const holders = Array.from({ length: CONTENDERS }, (_, i) => `instance-${i}`);
  const race = (name: string, who = holders) => Promise.all(who.map((h) => leases.acquire(name, h, TTL)));
  const winners = (results: (Lease | null)[]) => results.filter((r): r is Lease => r !== null);

  it('exactly one of many concurrent contenders wins, and the rest stay out while it holds', async () => {
    const first = winners(await race('leader-a'));
    expect(first).toHaveLength(1);
    const [winner] = first;
    expect(winner?.expiresAt).toBe(now + TTL);
    expect((await leases.current('leader-a'))?.holder).toBe(winner?.holder);

    now += TTL - 1;
    const again = await race('leader-a');
    expect(winners(again).map((l) => l.holder)).toEqual([winner?.holder]);
  });

  it('after expiry exactly one contender takes it over, and the stale holder cannot renew', async () => {
    const [winner] = winners(await race('leader-b'));
    if (!winner) throw new Error('nobody won');
    now += TTL + 1;
    expect(await leases.current('leader-b')).toBeNull();
    const others = holders.filter((h) => h !== winner.holder);
    const takeover = winners(await race('leader-b', others));
    expect(takeover).toHaveLength(1);
    const [next] = takeover;
    expect(next?.holder).not.toBe(winner.holder);
    expect(await leases.renew('leader-b', winner.holder, TTL)).toBeNull();
    expect(await leases.release('leader-b', winner.holder)).toBe(false);
    expect((await leases.current('leader-b'))?.holder).toBe(next?.holder);
  });

  it('a stale holder racing a takeover never ends up beside the new holder', async () => {
    const [winner] = winners(await race('leader-c'));
    if (!winner) throw new Error('nobody won');
    now += TTL + 1;
    const [renewed, ...acquired] = await Promise.all([
      leases.renew('leader-c', winner.holder, TTL),
      ...holders.filter((h) => h !== winner.holder).map((h) => leases.acquire('leader-c', h, TTL)),
    ]);
    expect(renewed).toBeNull();
    expect(winners(acquired)).toHaveLength(1);
  });

  it('the holder renews before expiry and keeps it while contenders race', async () => {
    const [winner] = winners(await race('leader-d'));
    if (!winner) throw new Error('nobody won');
    now += TTL - 100;
    const [renewed, ...acquired] = await Promise.all([
      leases.renew('leader-d', winner.holder, TTL),
      ...holders.filter((h) => h !== winner.holder).map((h) => leases.acquire('leader-d', h, TTL)),
    ]);
    expect(renewed?.holder).toBe(winner.holder);
    expect(renewed?.expiresAt).toBe(now + TTL);
    expect(renewed?.acquiredAt).toBe(winner.acquiredAt);
    expect(winners(acquired)).toEqual([]);
    now += TTL - 100; // past the first term, inside the renewed one
    expect(
      winners(
        await race(
          'leader-d',
          holders.filter((h) => h !== winner.holder),
        ),
      ),
    ).toEqual([]);
    expect(await leases.renew('leader-d', 'someone-else', TTL)).toBeNull();
  });

  it('release frees the lease at once; renew after a lapse fails even if nobody took it', async () => {
    const [winner] = winners(await race('leader-e'));
    if (!winner) throw new Error('nobody won');
    expect(await leases.release('leader-e', 'not-the-holder')).toBe(false);
    expect(await leases.release('leader-e', winner.holder)).toBe(true);
    expect(await leases.current('leader-e')).toBeNull();
    expect(winners(await race('leader-e'))).toHaveLength(1);

    const holder = (await leases.current('leader-e'))?.holder ?? '';
    now += TTL;
    expect(await leases.renew('leader-e', holder, TTL)).toBeNull();
    expect(await leases.acquire('leader-e', holder, TTL)).not.toBeNull();
  });

  it('lease documents from several rounds never yield two holders at one instant', async () => {
    for (let round = 0; round < 5; round++) {
      const results = await race('leader-f');
      const held = winners(results).filter((l) => l.expiresAt > now);
      expect(held.length).toBeLessThanOrEqual(1);
      if (round === 0) expect(held).toHaveLength(1);
      now += round % 2 === 0 ? TTL + 1 : TTL / 2;
    }
  });
});
