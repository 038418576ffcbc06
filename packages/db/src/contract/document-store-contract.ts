/**
 * The one contract every DocumentStore driver must pass. Run by each driver's test file:
 * `describeDocumentStoreContract('sqlite', async (clock) => ({ store, cleanup }))`.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { DocumentStore } from '../document-store';
import { registerBatchTests } from './contract-batch';
import { registerCrudTests } from './contract-crud';
import type { ContractEnv } from './contract-env';
import { CONTRACT_CONTAINERS, type ContractOptions, type MakeStore, manualClock } from './contract-fixture';
import { registerOutboxTests } from './contract-outbox';
import { registerQueryTests } from './contract-query';
import { registerTtlTests } from './contract-ttl';

export type { ContractOptions, MakeStore } from './contract-fixture';

export function describeDocumentStoreContract(
  name: string,
  makeStore: MakeStore,
  options: ContractOptions = {},
) {
  describe(`DocumentStore contract: ${name}`, () => {
    const time = manualClock();
    let current: DocumentStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    const env: ContractEnv = {
      get store() {
        if (!current) throw new Error('store not started');
        return current;
      },
      advance: time.advance,
    };

    beforeAll(async () => {
      const made = await makeStore(time.clock);
      current = made.store;
      cleanup = made.cleanup;
      await current.init(CONTRACT_CONTAINERS);
    });

    afterAll(async () => {
      await cleanup?.();
    });

    registerCrudTests(env);
    registerQueryTests(env);
    registerBatchTests(env, options);
    registerTtlTests(env);
    registerOutboxTests(env, options);
  });
}
