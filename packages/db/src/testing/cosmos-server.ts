/**
 * Starts @vercel/cosmosdb-server in this process on 127.0.0.1 and a free port, for tests and local runs.
 * Plain HTTP avoids the package's expired TLS certificate; the client must then disable endpoint
 * discovery (the server advertises https addresses it does not serve).
 */
import type { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/** The Cosmos DB emulator's well-known key; the test server accepts any key. */
export const COSMOS_TEST_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export type CosmosTestServer = {
  endpoint: string;
  key: string;
  /** Unset: the server speaks plain HTTP, so no TLS agent is needed. */
  agent?: Agent;
  disableEndpointDiscovery: true;
  stop(): Promise<void>;
};

export async function startCosmosServer(): Promise<CosmosTestServer> {
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: COSMOS_TEST_KEY,
    disableEndpointDiscovery: true,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
