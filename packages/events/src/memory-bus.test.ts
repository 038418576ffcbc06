import { describe, expect, it } from 'vitest';
import { EventPayloadError } from './bus';
import { createMemoryBus } from './memory-bus';

describe('memory bus', () => {
  it('validates, delivers by priority, retries and dead-letters like the durable bus', async () => {
    const bus = createMemoryBus({ retryBaseMs: 1 });
    const log: string[] = [];
    let flakyCalls = 0;
    bus.subscribe({
      name: 'first',
      events: '*',
      priority: 5,
      handle: async () => {
        log.push('first');
      },
    });
    bus.subscribe({
      name: 'flaky',
      events: ['user.deleted'],
      maxAttempts: 3,
      handle: async () => {
        flakyCalls += 1;
        log.push('flaky');
        if (flakyCalls < 3) throw new Error('not yet');
      },
    });
    bus.subscribe({
      name: 'dead',
      events: ['user.deleted'],
      maxAttempts: 2,
      handle: async () => {
        throw new Error('never');
      },
    });
    await expect(bus.emit('user.deleted', { userId: '' }, { productId: 'p' })).rejects.toThrow(
      EventPayloadError,
    );
    const event = await bus.emit('user.deleted', { userId: 'u1' }, { productId: 'p', actorId: 'admin' });
    await bus.drain();
    expect(bus.emitted).toEqual([event]);
    expect(event).toMatchObject({ type: 'user.deleted', actorId: 'admin', data: { userId: 'u1' } });
    expect(log[0]).toBe('first');
    const state = bus.deliveries.get(event.id);
    expect(state?.first).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(state?.flaky).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(state?.dead).toMatchObject({ status: 'dead', attempts: 2, lastError: 'Error: never' });
  });

  it('keeps per-product order for sequential subscribers', async () => {
    const bus = createMemoryBus();
    const seen: number[] = [];
    bus.subscribe({
      name: 'ordered',
      events: ['waitlist.joined'],
      sequential: true,
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        seen.push(event.data.position);
      },
    });
    for (let i = 1; i <= 20; i += 1) {
      await bus.emit('waitlist.joined', { email: `${i}@x.test`, position: i }, { productId: 'p' });
    }
    await bus.drain();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
