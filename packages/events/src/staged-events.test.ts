/**
 * Events staged with a write (the transactional outbox): recorded in the same commit as the change, delivered
 * after it, never without it, and delivered by another dispatcher when the writer dies right after its commit.
 */
import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { describe, expect, it } from 'vitest';
import { EventPayloadError, type Subscriber } from './bus';
import type { EventType } from './catalogue';
import type { EventDoc } from './event-doc';
import type { QueueItem } from './streams';
import { busFixtures } from './testing/buses';
import { type StoreKind, TEST_ENTITIES } from './testing/stores';

type Plan = { id: string; productId: string; code: string };

const plans = (store: DocumentStore) => store.container<Plan>(TEST_ENTITIES.name);
const events = (store: DocumentStore) => store.container<EventDoc>(CONTAINERS.events.name);

describe.each<StoreKind>(['sqlite', 'cosmos'])('staged events on %s', (kind) => {
  const fixtures = busFixtures(kind);
  const setup = async () => {
    const base = await fixtures();
    const seen: string[] = [];
    const subscriber = (name: string, extra: Partial<Subscriber<EventType>> = {}): Subscriber<EventType> => ({
      name,
      events: '*',
      handle: async (event) => {
        seen.push(`${name}:${event.id}`);
      },
      ...extra,
    });
    return { ...base, seen, subscriber };
  };

  it('commits the change with its events and then delivers them, concurrent and sequential alike', async () => {
    const { store, newBus, seen, subscriber } = await setup();
    const bus = newBus(store);
    bus.subscribe(subscriber('audit'));
    bus.subscribe(subscriber('ordered', { sequential: true }));

    const staged = bus
      .stage(
        'flag.created',
        { flagId: 'pro', enabled: true, percentage: 10 },
        { productId: 'p1', actorId: 'admin' },
      )
      .and('flag.toggled', { flagId: 'pro', enabled: false, percentage: 10 }, { productId: 'p1' });
    const [created, updated] = staged.events;
    await plans(store).create({ id: 'pro', productId: 'p1', code: 'pro' }, { outbox: staged });
    await bus.pollStreams();
    await bus.drain();

    expect([created?.type, updated?.type]).toEqual(['flag.created', 'flag.toggled']);
    expect(seen.sort()).toEqual(
      [
        `audit:${created?.id}`,
        `audit:${updated?.id}`,
        `ordered:${created?.id}`,
        `ordered:${updated?.id}`,
      ].sort(),
    );
    const doc = await events(store).read(created?.id ?? '', 'p1');
    expect(doc).toMatchObject({ type: 'flag.created', actorId: 'admin', status: 'delivered', claim: null });
  });

  it('records no event when the change fails, and refuses a bad payload before writing', async () => {
    const { store, newBus, seen, subscriber } = await setup();
    const bus = newBus(store);
    bus.subscribe(subscriber('audit'));
    bus.subscribe(subscriber('ordered', { sequential: true }));
    await plans(store).create({ id: 'pro', productId: 'p1', code: 'pro' });

    const staged = bus.stage(
      'flag.created',
      { flagId: 'pro', enabled: true, percentage: 1 },
      { productId: 'p1' },
    );
    await expect(
      plans(store).create({ id: 'pro', productId: 'p1', code: 'again' }, { outbox: staged }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(() => bus.stage('flag.created', { planId: 'pro' } as never, { productId: 'p1' })).toThrow(
      EventPayloadError,
    );
    await bus.pollStreams();
    await bus.drain();

    expect(seen).toEqual([]);
    expect(await events(store).count({ partitionKey: 'p1' })).toBe(0);
    expect(await store.container<QueueItem>(CONTAINERS.eventQueue.name).count()).toBe(0);
  });

  it('a writer that dies right after its commit leaves its events to another dispatcher', async () => {
    const { store, open, newBus, seen, subscriber, advance } = await setup();
    const writer = newBus(store, { claimTtlMs: 30_000 });
    writer.subscribe(subscriber('audit'));
    const staged = writer.stage(
      'flag.created',
      { flagId: 'pro', enabled: true, percentage: 1 },
      { productId: 'p1' },
    );
    // The commit without its callback: the process is gone before it could dispatch what it claimed.
    await plans(store).create(
      { id: 'pro', productId: 'p1', code: 'pro' },
      { outbox: { entries: staged.entries } },
    );
    await writer.stop();
    expect(seen).toEqual([]);

    const other = newBus(await open(), { claimTtlMs: 30_000 });
    other.subscribe(subscriber('audit'));
    expect(await other.pollOnce()).toBe(0);
    advance(30_000);
    expect(await other.pollOnce()).toBe(1);
    await other.drain();
    expect(seen).toEqual([`audit:${staged.events[0]?.id}`]);
  });
});
