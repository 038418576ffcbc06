/**
 * Fixtures for the migration runner's tests: a store per driver with the runner's containers and an `items`
 * container that test migrations change, a movable clock, and a logger that keeps what it was told.
 */

import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { CONTAINERS } from '../containers';
import type { Clock, ContainerDef, DocumentStore, Outbox } from '../document-store';
import { createLeaseManager } from '../leases';
import type { Migration, MigrationLogger } from '../migrations/definition';
import type { MigrationTransition } from '../migrations/records';
import { createMigrationRunner } from '../migrations/runner';
import type { MigrationRunnerOptions } from '../migrations/runner-types';
import { type CosmosTestServer, startCosmosServer } from './cosmos-server';
import { type DriverHarness, storeDrivers } from './store-drivers';

export type Item = { id: string; productId: string; n: number; label?: string; tags?: string[] };

export const ITEMS: ContainerDef = { name: 'items', partitionKey: ['productId'], indexes: [['n']] };
/** Where the test outbox writes one document per reported transition. */
export const TRANSITIONS: ContainerDef = { name: 'transitions', partitionKey: ['migrationId'] };

export const CONTAINERS_FOR_TESTS = [CONTAINERS.leases, CONTAINERS.migrations, ITEMS, TRANSITIONS];

export type LogLine = { level: 'info' | 'warn' | 'error'; obj: object; msg: string };

export const memoryLogger = (): MigrationLogger & { lines: LogLine[] } => {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
};

/** An outbox that records each transition as a document, so a test can see it committed with the change. */
export const transitionOutbox = (transition: MigrationTransition): Outbox => ({
  entries: [
    {
      container: TRANSITIONS.name,
      doc: {
        id: `${transition.doc.id}:${transition.kind}:${transition.doc.attempts}`,
        migrationId: transition.doc.id,
        kind: transition.kind,
        trigger: transition.trigger,
        actor: transition.actor?.email ?? null,
        status: transition.doc.status,
      } as { id: string },
    },
  ],
});

export const seedItems = async (store: DocumentStore, count: number, productId = 'p1') => {
  const items = store.container<Item>(ITEMS.name);
  for (let n = 1; n <= count; n += 1) await items.create({ id: `item-${n}`, productId, n });
};

/** A reversible backfill: every item without a label gets `label: 'none'`; down removes those labels. */
export const labelBackfill = (version = 1): Migration => ({
  version,
  name: 'label_backfill',
  description: 'Items stored before labels existed get the label none',
  reversible: true,
  async up({ store }) {
    const items = store.container<Item>(ITEMS.name);
    const page = await items.query({ where: { label: { exists: false } }, limit: 1000 });
    for (const item of page.items) {
      await items.mutate(item.id, item.productId, (doc) => (doc.label ? null : { ...doc, label: 'none' }));
    }
  },
  async down({ store }) {
    const items = store.container<Item>(ITEMS.name);
    const page = await items.query({ where: { label: { eq: 'none' } }, limit: 1000 });
    for (const item of page.items) {
      await items.mutate(item.id, item.productId, ({ label: _l, ...doc }) => doc);
    }
  },
});

/** A migration that only notes that it ran (in `ran`), in order, and moves the clock by `takesMs`. */
export const noting = (
  ran: string[],
  version: number,
  opts: { reversible?: boolean; takesMs?: number; advance?: (ms: number) => void; fail?: () => boolean } = {},
): Migration => ({
  version,
  name: `step_${version}`,
  description: `Step ${version}`,
  reversible: opts.reversible ?? true,
  async up() {
    ran.push(`up:${version}`);
    if (opts.takesMs) opts.advance?.(opts.takesMs);
    if (opts.fail?.()) throw new Error(`step ${version} cannot run yet`);
  },
  ...((opts.reversible ?? true)
    ? {
        async down() {
          ran.push(`down:${version}`);
        },
      }
    : {}),
});

export type RunnerFixture = {
  store: DocumentStore;
  clock: Clock;
  advance(ms: number): void;
  logger: ReturnType<typeof memoryLogger>;
  runner(
    migrations: readonly Migration[],
    options?: Partial<MigrationRunnerOptions>,
  ): ReturnType<typeof createMigrationRunner>;
};

export const runnerFixture = (harness: DriverHarness, clockRef: { now: number }): RunnerFixture => {
  const clock: Clock = () => clockRef.now;
  const logger = memoryLogger();
  return {
    store: harness.store,
    clock,
    advance: (ms) => {
      clockRef.now += ms;
    },
    logger,
    runner: (migrations, options = {}) =>
      createMigrationRunner({
        store: harness.store,
        leases: createLeaseManager(harness.store, { clock }),
        migrations,
        instanceId: 'instance-a',
        clock,
        logger,
        outbox: transitionOutbox,
        waitPollMs: 10,
        waitTimeoutMs: 30_000,
        ...options,
      }),
  };
};

/** What a runner suite's tests reach: the live store of the driver under test and the fixture built on it. */
export type RunnerSuite = {
  readonly harness: DriverHarness;
  readonly f: RunnerFixture;
  clockRef: { now: number };
};

/**
 * Declares `body` once per driver: the Cosmos-compatible server for the file, then before each test a fresh
 * store with the runner's containers, the clock at 2026-03-01 09:00 UTC and a fixture; the store is removed after.
 */
export const describeRunnerOnDrivers = (name: string, title: string, body: (suite: RunnerSuite) => void) => {
  let cosmos: CosmosTestServer | undefined;
  beforeAll(async () => {
    cosmos = await startCosmosServer();
  });
  afterAll(async () => {
    await cosmos?.stop();
  });
  describe.each(storeDrivers(name, () => cosmos))(title, (_driver, make) => {
    const clockRef = { now: Date.parse('2026-03-01T09:00:00.000Z') };
    let harness: DriverHarness;
    let f: RunnerFixture;
    beforeEach(async () => {
      clockRef.now = Date.parse('2026-03-01T09:00:00.000Z');
      harness = make(() => clockRef.now);
      await harness.store.init(CONTAINERS_FOR_TESTS);
      f = runnerFixture(harness, clockRef);
    });
    afterEach(async () => {
      await harness.cleanup();
    });
    body({
      clockRef,
      get harness() {
        return harness;
      },
      get f() {
        return f;
      },
    });
  });
};
