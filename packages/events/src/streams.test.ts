import { CONTAINERS } from '@bytelyst/db/containers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscriber } from './bus';
import type { EventType } from './catalogue';
import { createDurableBus, type DurableBus } from './durable-bus';
import type { EventDoc } from './event-doc';
import { replayDeadDeliveries } from './replay';
import { createStoreFixture, testClock } from './testing/stores';

describe('sequential subscribers', () => {
  let cleanup: (() => Promise<void>) | undefined;
  const buses: DurableBus[] = [];
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.stop();
    await cleanup?.();
  });

  const setup = async () => {
    const time = testClock();
    const fixture = await createStoreFixture('sqlite', time.clock);
    cleanup = fixture.dispose;
    const bus = createDurableBus({
      store: fixture.store,
      clock: time.clock,
      random: () => 0.5,
      retryBaseMs: 1000,
      stopGraceMs: 50,
    });
    buses.push(bus);
    return { ...time, ...fixture, bus };
  };

  it('delivers each product in emit order, one at a time, while products proceed side by side', async () => {
    const { bus } = await setup();
    const order = new Map<string, number[]>();
    let running = 0;
    let maxRunningPerProduct = 0;
    const perProduct = new Map<string, number>();
    const ordered: Subscriber<'waitlist.joined'> = {
      name: 'ordered',
      events: ['waitlist.joined'],
      sequential: true,
      handle: async (event) => {
        const n = (perProduct.get(event.productId) ?? 0) + 1;
        perProduct.set(event.productId, n);
        maxRunningPerProduct = Math.max(maxRunningPerProduct, n);
        running += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        order.set(event.productId, [...(order.get(event.productId) ?? []), event.data.position]);
        running -= 1;
        perProduct.set(event.productId, n - 1);
      },
    };
    bus.subscribe(ordered);
    for (let i = 1; i <= 60; i += 1) {
      await bus.emit('waitlist.joined', { email: `a${i}@x.test`, position: i }, { productId: 'p1' });
      await bus.emit('waitlist.joined', { email: `b${i}@x.test`, position: i }, { productId: 'p2' });
    }
    await bus.drain();
    // Streams left behind by drain are picked up by polls; wait for both products' (the check was p1's alone).
    const behind = () => (order.get('p1')?.length ?? 0) < 60 || (order.get('p2')?.length ?? 0) < 60;
    for (let i = 0; i < 20 && behind(); i += 1) await bus.pollStreams();
    const expected = Array.from({ length: 60 }, (_, i) => i + 1);
    expect(order.get('p1')).toEqual(expected);
    expect(order.get('p2')).toEqual(expected);
    expect(maxRunningPerProduct).toBe(1);
    expect(running).toBe(0);
  });

  it('holds later events back behind a failing one until it succeeds, then keeps the order', async () => {
    const { bus, store, advance } = await setup();
    const seen: number[] = [];
    let failuresLeft = 2;
    const others: number[] = [];
    bus.subscribe({
      name: 'ledger',
      events: ['waitlist.joined'],
      sequential: true,
      handle: async (event) => {
        if (event.data.position === 3 && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('ledger unavailable');
        }
        seen.push(event.data.position);
      },
    } satisfies Subscriber<'waitlist.joined'>);
    bus.subscribe({
      name: 'concurrent',
      events: '*',
      handle: async (event) => {
        others.push((event.data as { position: number }).position);
      },
    } satisfies Subscriber<EventType>);
    const emitted = [];
    for (let i = 1; i <= 6; i += 1) {
      emitted.push(
        await bus.emit('waitlist.joined', { email: `${i}@x.test`, position: i }, { productId: 'p' }),
      );
    }
    await bus.drain();
    await bus.pollStreams();
    expect(seen).toEqual([1, 2]);
    expect(others.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const third = await store.container<EventDoc>(CONTAINERS.events.name).read(emitted[2]?.id ?? '', 'p');
    expect(third?.deliveries.ledger).toMatchObject({ status: 'retrying', attempts: 1, sequential: true });
    expect(third?.status).toBe('pending');

    advance(750);
    await bus.pollStreams();
    expect(seen).toEqual([1, 2]);
    advance(1500);
    await bus.pollStreams();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const docs = await store.container<EventDoc>(CONTAINERS.events.name).query({ partitionKey: 'p' });
    expect(docs.items.map((d) => d.status)).toEqual(Array.from({ length: 6 }, () => 'delivered'));
    expect(await store.container(CONTAINERS.eventQueue.name).count()).toBe(0);
  });

  it('dead-letters after the last attempt, moves on, and a replay puts the event back in its stream', async () => {
    const { bus, store, advance, clock } = await setup();
    const seen: number[] = [];
    let broken = true;
    bus.subscribe({
      name: 'strict',
      events: ['waitlist.joined'],
      sequential: true,
      maxAttempts: 2,
      handle: async (event) => {
        if (event.data.position === 1 && broken) throw new Error('rejected');
        seen.push(event.data.position);
      },
    } satisfies Subscriber<'waitlist.joined'>);
    const first = await bus.emit('waitlist.joined', { email: '1@x.test', position: 1 }, { productId: 'p' });
    await bus.emit('waitlist.joined', { email: '2@x.test', position: 2 }, { productId: 'p' });
    await bus.drain();
    await bus.pollStreams();
    advance(750);
    await bus.pollStreams();
    expect(seen).toEqual([2]);
    const events = store.container<EventDoc>(CONTAINERS.events.name);
    expect((await events.read(first.id, 'p'))?.status).toBe('dead_lettered');

    broken = false;
    const replay = await replayDeadDeliveries(store, clock, { productId: 'p', eventId: first.id });
    expect(replay?.replayed).toEqual(['strict']);
    await bus.pollStreams();
    expect(seen).toEqual([2, 1]);
    expect((await events.read(first.id, 'p'))?.status).toBe('delivered');
  });
});
