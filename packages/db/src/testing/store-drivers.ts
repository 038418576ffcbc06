import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosStore } from '../cosmos/cosmos-store';
import type { Clock, DocumentStore } from '../document-store';
import { createSqliteStore } from '../sqlite/sqlite-store';
import type { CosmosTestServer } from './cosmos-server';

export type DriverHarness = { store: DocumentStore; cleanup: () => Promise<void> };

/**
 * A fresh store on each driver, for tests that run the same cases on sqlite (a temporary file) and on the
 * Cosmos-compatible server (a database of its own); `cosmos` is read when a store is made, after `beforeAll`.
 */
export const storeDrivers = (
  name: string,
  cosmos: () => CosmosTestServer | undefined,
): [string, (clock: Clock) => DriverHarness][] => [
  [
    'sqlite',
    (clock) => {
      const dir = mkdtempSync(join(tmpdir(), `bytelyst-${name}-`));
      const store = createSqliteStore({ path: join(dir, `${name}.db`), clock });
      return {
        store,
        cleanup: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'cosmos',
    (clock) => {
      const server = cosmos();
      if (!server) throw new Error('cosmos server not started');
      const store = createCosmosStore({
        endpoint: server.endpoint,
        key: server.key,
        database: `${name}-${process.pid}-${Date.now()}`,
        clock,
        disableEndpointDiscovery: server.disableEndpointDiscovery,
      });
      return { store, cleanup: () => store.close() };
    },
  ],
];
