import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { describe, expect, it } from 'vitest';
import { EventPayloadError, type Subscriber } from './bus';
import type { EventType } from './catalogue';
import { createDurableBus } from './durable-bus';
import type { EventDoc } from './event-doc';
import { replayDeadDeliveries } from './replay';
import { busFixtures } from './testing/buses';
import { createStoreFixture, type StoreKind, testClock } from './testing/stores';

const flagPayload = (i: number) => ({ flagId: `f${i}`, enabled: true, percentage: i % 100 });

const recorder = (name: string, extra: Partial<Subscriber<EventType>> = {}) => {
  const seen: string[] = [];
  const subscriber: Subscriber<EventType> = {
    name,
    events: '*',
    handle: async (event) => {
      seen.push(event.id);
    },
    ...extra,
  };
  return { seen, subscriber };
};

const readEvent = (store: DocumentStore, productId: string, id: string) =>
  store.container<EventDoc>(CONTAINERS.events.name).read(id, productId);

describe.each<StoreKind>(['sqlite', 'cosmos'])('durable bus on %s', (kind) => {
  const setup = busFixtures(kind, { retryBaseMs: 1000 });

  it('validates, persists and delivers to every matching subscriber, recording each state', async () => {
    const { store, newBus } = await setup();
    const bus = newBus(store);
    const all = recorder('all');
    const flagsOnly = recorder('flags-only', { events: ['flag.toggled'] });
    bus.subscribe(all.subscriber);
    bus.subscribe(flagsOnly.subscriber);

    await expect(
      bus.emit('flag.toggled', { flagId: 'f', enabled: true, percentage: 101 }, { productId: 'p1' }),
    ).rejects.toThrow(EventPayloadError);
    const flag = await bus.emit('flag.toggled', flagPayload(5), { productId: 'p1', actorId: 'u1' });
    const deleted = await bus.emit('user.deleted', { userId: 'u9' }, { productId: 'p1' });
    await bus.drain();

    expect(all.seen.sort()).toEqual([flag.id, deleted.id].sort());
    expect(flagsOnly.seen).toEqual([flag.id]);
    const doc = await readEvent(store, 'p1', flag.id);
    expect(doc).toMatchObject({
      type: 'flag.toggled',
      actorId: 'u1',
      status: 'delivered',
      dueAt: null,
      claim: null,
      data: flagPayload(5),
    });
    expect(doc?.deliveries.all).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(Object.keys(doc?.deliveries ?? {})).toEqual(['all', 'flags-only']);
    expect((await readEvent(store, 'p1', deleted.id))?.deliveries).not.toHaveProperty('flags-only');
  });

  it('runs higher priorities first: a group starts once the one before it has settled', async () => {
    const { store, newBus } = await setup();
    const bus = newBus(store);
    const log: string[] = [];
    const slow = (name: string, priority: number, ms: number): Subscriber<EventType> => ({
      name,
      events: '*',
      priority,
      handle: async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
      },
    });
    bus.subscribe(slow('webhooks', 0, 1));
    bus.subscribe(slow('audit', 10, 20));
    bus.subscribe(slow('metrics', 10, 5));
    await bus.emit('user.deleted', { userId: 'u' }, { productId: 'p' });
    await bus.drain();
    expect(log.indexOf('start webhooks')).toBeGreaterThan(log.indexOf('end audit'));
    expect(log.indexOf('start webhooks')).toBeGreaterThan(log.indexOf('end metrics'));
    expect(log.slice(0, 2).sort()).toEqual(['start audit', 'start metrics']);
  });

  it('retries a failing subscriber with backoff, dead-letters it, and replays it on request', async () => {
    const { store, newBus, advance, clock } = await setup();
    const bus = newBus(store);
    let failing = true;
    let calls = 0;
    bus.subscribe({
      name: 'flaky',
      events: ['user.deleted'],
      maxAttempts: 3,
      handle: async () => {
        calls += 1;
        if (failing) throw new Error(`downstream said no (${calls})`);
      },
    });
    const ok = recorder('steady');
    bus.subscribe(ok.subscriber);
    const event = await bus.emit('user.deleted', { userId: 'u' }, { productId: 'p' });
    await bus.drain();

    let doc = await readEvent(store, 'p', event.id);
    expect(doc?.deliveries.flaky).toMatchObject({ status: 'retrying', attempts: 1 });
    // random() = 0.5 gives 75% of the exponential delay: 750 ms after the first failure.
    expect(doc?.deliveries.flaky?.nextAttemptAt).toBe(clock() + 750);
    expect(doc?.dueAt).toBe(clock() + 750);
    expect(await bus.pollOnce()).toBe(0);

    advance(750);
    expect(await bus.pollOnce()).toBe(1);
    await bus.drain();
    doc = await readEvent(store, 'p', event.id);
    expect(doc?.deliveries.flaky).toMatchObject({ status: 'retrying', attempts: 2 });
    expect(doc?.deliveries.flaky?.nextAttemptAt).toBe(clock() + 1500);

    advance(1500);
    await bus.pollOnce();
    await bus.drain();
    doc = await readEvent(store, 'p', event.id);
    expect(doc?.status).toBe('dead_lettered');
    expect(doc?.deadSubscribers).toEqual(['flaky']);
    expect(doc?.dueAt).toBeNull();
    expect(doc?.deliveries.flaky).toMatchObject({ status: 'dead', attempts: 3 });
    expect(doc?.deliveries.flaky?.lastError).toContain('downstream said no (3)');
    expect(doc?.deliveries.flaky?.history.map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(ok.seen).toEqual([event.id]);

    failing = false;
    const replay = await replayDeadDeliveries(store, clock, { productId: 'p', eventId: event.id });
    expect(replay?.replayed).toEqual(['flaky']);
    expect(await bus.pollOnce()).toBe(1);
    await bus.drain();
    doc = await readEvent(store, 'p', event.id);
    expect(doc?.status).toBe('delivered');
    expect(doc?.deadSubscribers).toEqual([]);
    expect(doc?.deliveries.flaky).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(doc?.deliveries.flaky?.history).toHaveLength(4);
    expect(ok.seen).toEqual([event.id]);
  });

  it('times a hanging handler out and aborts its signal', async () => {
    const { store, newBus } = await setup();
    const bus = newBus(store);
    let aborted = false;
    bus.subscribe({
      name: 'hangs',
      events: '*',
      timeoutMs: 50,
      handle: (_event, ctx) =>
        new Promise<void>(() => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    const event = await bus.emit('user.deleted', { userId: 'u' }, { productId: 'p' });
    await bus.drain();
    const doc = await readEvent(store, 'p', event.id);
    expect(aborted).toBe(true);
    expect(doc?.deliveries.hangs?.lastError).toContain('did not finish within 50 ms');
  });

  it('renews the claim of a long delivery, so no other dispatcher takes the event meanwhile', async () => {
    const { store, open, newBus, advance } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const handle = async () => {
      calls += 1;
      await gate;
    };
    const slow = newBus(store, { claimTtlMs: 3000, pollIntervalMs: 60_000 });
    slow.subscribe({ name: 'slow', events: '*', timeoutMs: 60_000, handle });
    slow.start();
    const event = await slow.emit('user.deleted', { userId: 'u' }, { productId: 'p' });
    const firstExpiry = (await readEvent(store, 'p', event.id))?.dueAt ?? 0;

    const other = newBus(await open(), { claimTtlMs: 3000 });
    other.subscribe({ name: 'slow', events: '*', handle });
    advance(2000);
    // The renewal timer runs every third of the claim's life (1 s of real time here).
    const deadline = Date.now() + 5000;
    while (((await readEvent(store, 'p', event.id))?.dueAt ?? 0) <= firstExpiry && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    advance(2000);
    expect(await other.pollOnce()).toBe(0);

    release();
    await slow.drain();
    expect(calls).toBe(1);
    expect((await readEvent(store, 'p', event.id))?.status).toBe('delivered');
  });

  it('leaves emits of a non-dispatching process to a dispatcher, and resumes a lapsed claim', async () => {
    const { store, open, newBus, advance } = await setup();
    const writerOnly = newBus(store, { dispatch: false });
    const a = recorder('a');
    writerOnly.subscribe(a.subscriber);
    const unclaimed = await writerOnly.emit('user.deleted', { userId: 'u1' }, { productId: 'p' });
    expect(a.seen).toEqual([]);

    // A process that claimed an event and then hung (as a crashed one would) never settles it.
    const crashed = newBus(await open(), { claimTtlMs: 5000 });
    crashed.subscribe({ name: 'a', events: '*', handle: () => new Promise<void>(() => undefined) });
    const stuck = await crashed.emit('user.deleted', { userId: 'u2' }, { productId: 'p' });

    const dispatcher = newBus(await open(), { claimTtlMs: 5000 });
    dispatcher.subscribe(a.subscriber);
    expect(await dispatcher.pollOnce()).toBe(1);
    await dispatcher.drain();
    expect(a.seen).toEqual([unclaimed.id]);

    advance(5001);
    expect(await dispatcher.pollOnce()).toBe(1);
    await dispatcher.drain();
    expect(a.seen).toEqual([unclaimed.id, stuck.id]);
    expect((await readEvent(store, 'p', stuck.id))?.status).toBe('delivered');
  });

  it('stops once its last deliveries end, handing back what a poll in flight took meanwhile', async () => {
    const { store, open, newBus } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const bus = newBus(store, { stopGraceMs: 60_000 });
    bus.subscribe({
      name: 'gated',
      events: '*',
      timeoutMs: 60_000,
      handle: async (event) => {
        seen.push(event.id);
        await gate;
      },
    });
    const first = await bus.emit('user.deleted', { userId: 'u1' }, { productId: 'p' });
    const writer = newBus(await open(), { dispatch: false });
    writer.subscribe(recorder('gated').subscriber);
    const second = await writer.emit('user.deleted', { userId: 'u2' }, { productId: 'p' });
    // A poll that started before stop() claims the second event after it.
    const polling = bus.pollOnce();
    const stopping = bus.stop();
    expect(await polling).toBe(1);
    release();
    await stopping;
    expect(seen).toEqual([first.id]);

    const other = newBus(await open());
    const after = recorder('gated');
    other.subscribe(after.subscriber);
    expect(await other.pollOnce()).toBe(1);
    await other.drain();
    expect(after.seen).toEqual([second.id]);
  });
});

describe('durable bus, two dispatchers on one sqlite file', () => {
  it('delivers every (event, subscriber) pair exactly once when both poll the same backlog', async () => {
    const { clock } = testClock();
    const fixture = await createStoreFixture('sqlite', clock);
    try {
      const writer = createDurableBus({ store: fixture.store, clock, dispatch: false });
      const counts = new Map<string, number>();
      const counting = (name: string): Subscriber<EventType> => ({
        name,
        events: '*',
        handle: async (event) => {
          const key = `${name}:${event.id}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      for (const name of ['s1', 's2', 's3']) writer.subscribe(counting(name));
      const total = 1500;
      await Promise.all(
        Array.from({ length: total }, (_, i) =>
          writer.emit('flag.toggled', flagPayload(i), { productId: `p${i % 3}` }),
        ),
      );
      const dispatchers = [
        createDurableBus({ store: await fixture.open(), clock, random: Math.random }),
        createDurableBus({ store: await fixture.open(), clock, random: Math.random }),
      ];
      for (const d of dispatchers) for (const name of ['s1', 's2', 's3']) d.subscribe(counting(name));
      const claimedBy = [0, 0];
      for (;;) {
        const got = await Promise.all(dispatchers.map((d) => d.pollOnce()));
        await Promise.all(dispatchers.map((d) => d.drain()));
        got.forEach((n, i) => {
          claimedBy[i] = (claimedBy[i] ?? 0) + n;
        });
        if (got.every((n) => n === 0)) break;
      }
      expect(counts.size).toBe(total * 3);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(claimedBy.every((n) => n > 0)).toBe(true);
      const delivered = await fixture.store
        .container<EventDoc>(CONTAINERS.events.name)
        .count({ where: { status: { eq: 'delivered' } } });
      expect(delivered).toBe(total);
    } finally {
      await fixture.dispose();
    }
  });
});
