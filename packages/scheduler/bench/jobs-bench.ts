/**
 * Job runner tick time with 10,000 registered schedules on a file-backed sqlite store.
 * Run with `pnpm --filter @bytelyst/scheduler bench` (part of `pnpm bench`). Reports figures; asserts nothing.
 *
 * The schedules are spread over the day (`m h * * *`), so a few fall due at each minute boundary; ticks are
 * one second apart on an injected clock, as the runner would tick with JOB_TICK_INTERVAL_MS=1000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_CONTAINERS } from '@bytelyst/db/containers';
import { createLeaseManager } from '@bytelyst/db/leases';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { createJobRegistry } from '../src/registry';
import { createJobsRepository } from '../src/repository';
import { createJobRunner } from '../src/runner';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const TICKS = Number(process.env.BENCH_TICKS ?? 600);

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
};
const ms = (value: number) => Number(value.toFixed(3));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-jobs-bench-'));
  let now = Date.parse('2026-06-01T00:00:00.500Z');
  const clock = () => now;
  const store = createSqliteStore({ path: join(dir, 'bench.db'), clock });
  try {
    await store.init(PLATFORM_CONTAINERS);
    const registry = createJobRegistry();
    let executions = 0;
    for (let i = 0; i < JOBS; i += 1) {
      registry.register({
        name: `job-${i}`,
        cron: `${i % 60} ${Math.floor(i / 60) % 24} * * *`,
        run: async () => {
          executions += 1;
          return { items: 1 };
        },
      });
    }
    const runner = createJobRunner({
      repo: createJobsRepository(store),
      registry,
      leases: createLeaseManager(store, { clock }),
      clock,
      random: Math.random,
      instanceId: 'bench',
      tickIntervalMs: 1000,
    });
    const coldStart = performance.now();
    await runner.tick();
    await runner.whenIdle();
    const cold = performance.now() - coldStart;

    const quiet: number[] = [];
    const boundary: number[] = [];
    for (let i = 0; i < TICKS; i += 1) {
      now += 1000;
      const started = performance.now();
      await runner.tick();
      const took = performance.now() - started;
      // Slots fall on whole minutes; the tick just after one finds jobs due.
      (Math.floor((now - 1000) / 60_000) !== Math.floor(now / 60_000) ? boundary : quiet).push(took);
      await runner.whenIdle();
    }
    const q = stats(quiet);
    const b = stats(boundary);
    process.stdout.write(`\nJob runner on sqlite (file, WAL), ${JOBS} registered schedules\n`);
    console.table([
      {
        tick: 'first (creates every definition)',
        n: 1,
        'p50 ms': ms(cold),
        'p99 ms': ms(cold),
        'max ms': ms(cold),
      },
      { tick: 'nothing due', n: q.n, 'p50 ms': ms(q.p50), 'p99 ms': ms(q.p99), 'max ms': ms(q.max) },
      {
        tick: `minute boundary (~${Math.round(JOBS / 1440)} due)`,
        n: b.n,
        'p50 ms': ms(b.p50),
        'p99 ms': ms(b.p99),
        'max ms': ms(b.max),
      },
    ]);
    process.stdout.write(`runs executed: ${executions}\n`);
    await runner.stop();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
