import type { BaseDoc, Container, DocumentStore } from '@bytelyst/db/document-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRegistry } from './registry';
import { createJobsTestKit, type JobsTestKit } from './testing/test-kit';

const JOBS = 10_000;

/** The same store, counting every container operation (no behaviour changes). */
const countingStore = (store: DocumentStore) => {
  let calls = 0;
  const wrapped: DocumentStore = {
    ...store,
    container: <T extends BaseDoc>(name: string): Container<T> => {
      const container = store.container<T>(name);
      return new Proxy(container, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
  return { store: wrapped, calls: () => calls };
};

describe(`a tick with ${JOBS} registered jobs`, () => {
  let kit: JobsTestKit;
  beforeEach(async () => {
    kit = await createJobsTestKit('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => kit.close());

  it('costs no store reads and no cron evaluation for jobs that are not due', async () => {
    const registry = createJobRegistry();
    let cronCalls = 0;
    let executions = 0;
    for (let i = 0; i < JOBS; i += 1) {
      const job = registry.register({
        name: `job-${i}`,
        // One job is due every minute; the others once a year.
        cron: i === 0 ? '* * * * *' : '0 0 1 1 *',
        run: async () => {
          executions += 1;
          return undefined;
        },
      });
      const next = job.schedule.next;
      job.schedule.next = (after) => {
        cronCalls += 1;
        return next(after);
      };
    }
    const counted = countingStore(kit.store);
    const runner = kit.newRunner(registry, { store: counted.store });
    await runner.tick(); // first sight: creates the 10,000 definitions
    await runner.whenIdle();

    const before = { store: counted.calls(), cron: cronCalls };
    kit.advance(1000);
    // Its time is a bench figure (pnpm bench); here the work it does is counted.
    await runner.tick();
    expect([counted.calls() - before.store, cronCalls - before.cron]).toEqual([0, 0]);

    kit.advance(60_000);
    const due = { store: counted.calls(), cron: cronCalls };
    await runner.tick();
    await runner.whenIdle();
    expect(executions).toBe(1);
    // Only the one due job: its definition (read, write), claim, lease, record, last run.
    expect(counted.calls() - due.store).toBeLessThan(15);
    expect(cronCalls - due.cron).toBeLessThan(5);
  });
});
