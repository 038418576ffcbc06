import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_CONTAINERS } from '@bytelyst/db/containers';
import type { ContainerDef } from '@bytelyst/db/document-store';

/** Where tests write the changes whose events they stage (the bus itself owns no business container). */
export const TEST_ENTITIES: ContainerDef = { name: 'test_entities', partitionKey: ['productId'] };

import { createCosmosStore } from '@bytelyst/db/cosmos';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { type CosmosTestServer, startCosmosServer } from '@bytelyst/db/testing/cosmos-server';

export type StoreKind = 'sqlite' | 'cosmos';

/** A movable clock starting at a fixed instant. */
export const testClock = (start = Date.parse('2026-06-01T12:00:00.000Z')) => {
  let now = start;
  const clock: Clock = () => now;
  return {
    clock,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

/**
 * A fresh database of the given kind with every catalogue container; `open()` gives further handles on the
 * same data, as other processes would have. Close with `dispose()`.
 */
export const createStoreFixture = async (kind: StoreKind, clock: Clock) => {
  const dir = await mkdtemp(join(tmpdir(), 'events-test-'));
  let cosmos: CosmosTestServer | undefined;
  if (kind === 'cosmos') cosmos = await startCosmosServer();
  const database = `events-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const handles: DocumentStore[] = [];
  const open = async (): Promise<DocumentStore> => {
    const store = cosmos
      ? createCosmosStore({ ...cosmos, database, clock })
      : createSqliteStore({ path: join(dir, 'store.sqlite'), clock });
    await store.init([...PLATFORM_CONTAINERS, TEST_ENTITIES]);
    handles.push(store);
    return store;
  };
  const store = await open();
  return {
    store,
    open,
    dispose: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
      await cosmos?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
