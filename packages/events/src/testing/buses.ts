import type { DocumentStore } from '@bytelyst/db/document-store';
import { afterEach } from 'vitest';
import { createDurableBus, type DurableBus, type DurableBusOptions } from '../durable-bus';
import { createStoreFixture, type StoreKind, testClock } from './stores';

/**
 * For bus tests inside a `describe`: returns a `setup()` that opens a fresh store of `kind` with a movable
 * clock, and makes buses over it (random fixed at 0.5); every bus is stopped and the store disposed after
 * each test.
 */
export const busFixtures = (kind: StoreKind, defaults: Partial<DurableBusOptions> = {}) => {
  let dispose: (() => Promise<void>) | undefined;
  const buses: DurableBus[] = [];
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.stop();
    await dispose?.();
  });
  return async () => {
    const time = testClock();
    const fixture = await createStoreFixture(kind, time.clock);
    dispose = fixture.dispose;
    const newBus = (store: DocumentStore, o: Partial<DurableBusOptions> = {}) => {
      const bus = createDurableBus({
        store,
        clock: time.clock,
        random: () => 0.5,
        stopGraceMs: 50,
        ...defaults,
        ...o,
      });
      buses.push(bus);
      return bus;
    };
    return { ...time, ...fixture, newBus };
  };
};
