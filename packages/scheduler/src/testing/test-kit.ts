import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore } from '@bytelyst/db/document-store';
import { createLeaseManager } from '@bytelyst/db/leases';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import type { EventBus } from '@bytelyst/events/bus';
import type { JobDefinition } from '../definition';
import type { Sleep } from '../execute';
import { createJobRegistry, type JobRegistry } from '../registry';
import { createJobsRepository } from '../repository';
import { createJobRunner } from '../runner';
import type { TJobRun } from '../schema';

/**
 * For the jobs tests: a real sqlite file in a temp folder, a movable clock, and runners over one or several
 * store handles (as separate processes would have). Backoff waits are instant. Call `close()` when done.
 */
export const createJobsTestKit = async (start = '2026-06-01T12:00:00.000Z') => {
  const dir = await mkdtemp(join(tmpdir(), 'jobs-test-'));
  let now = Date.parse(start);
  const clock = () => now;
  const handles: DocumentStore[] = [];
  const openStore = async () => {
    const store = createSqliteStore({ path: join(dir, 'store.sqlite'), clock });
    await store.init([CONTAINERS.jobDefinitions, CONTAINERS.jobRuns, CONTAINERS.leases]);
    handles.push(store);
    return store;
  };
  const store = await openStore();

  const newRunner = (
    registry: JobRegistry,
    opts: {
      store?: DocumentStore;
      instanceId?: string;
      tickIntervalMs?: number;
      bus?: Pick<EventBus, 'stage'>;
      sleep?: Sleep;
    } = {},
  ) => {
    const on = opts.store ?? store;
    return createJobRunner({
      repo: createJobsRepository(on),
      registry,
      leases: createLeaseManager(on, { clock }),
      clock,
      random: () => 0.5,
      instanceId: opts.instanceId ?? 'test-instance',
      tickIntervalMs: opts.tickIntervalMs ?? 60_000,
      sleep: opts.sleep ?? (async () => {}),
      bus: opts.bus,
    });
  };

  /** A registry holding the given jobs. */
  const registryOf = (...defs: JobDefinition[]) => {
    const registry = createJobRegistry();
    for (const def of defs) registry.register(def);
    return registry;
  };

  /** Every run document, oldest first. */
  const runs = async (): Promise<TJobRun[]> => {
    const out: TJobRun[] = [];
    let continuation: string | undefined;
    do {
      const page = await store.container<TJobRun>(CONTAINERS.jobRuns.name).query({
        orderBy: [{ field: 'startedAt' }],
        limit: 1000,
        ...(continuation ? { continuation } : {}),
      });
      out.push(...page.items);
      continuation = page.continuation ?? undefined;
    } while (continuation);
    return out;
  };

  return {
    clock,
    store,
    openStore,
    newRunner,
    registryOf,
    runs,
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
    close: async () => {
      for (const handle of handles) await handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

export type JobsTestKit = Awaited<ReturnType<typeof createJobsTestKit>>;

export const iso = (ms: number): string => new Date(ms).toISOString();
