import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { DurableBus } from '@bytelyst/events/durable-bus';
import type { BusLogger } from '@bytelyst/events/logger';
import type { JobRegistry } from '@bytelyst/scheduler/registry';

/**
 * What every domain module's `create...Module` receives from the composition root (`services.ts`): the
 * drivers, the clock, the bus to emit on and subscribe to, and the job registry to register its jobs with.
 */
export type ModuleDeps = {
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  /** Injected so tests can control ids and sampling; Math.random in production. */
  random: () => number;
  bus: DurableBus;
  jobRegistry: JobRegistry;
  defaultProductId: string;
  /** Whether a user exists in a product, for modules that take a user id from an admin. */
  userExists(productId: string, userId: string): Promise<boolean>;
  logger?: BusLogger;
};
