/**
 * Event bus throughput and latency on a file-backed sqlite store in a temp dir, three concurrent subscribers.
 * Run with `pnpm --filter @bytelyst/events bench` (part of `pnpm bench`). Reports figures; asserts nothing.
 *
 * - burst: N emits issued at once; events/s from the first emit until all three subscribers have handled
 *   every event and every delivery state is written.
 * - paced: emits at a steady rate well under capacity; latency from the emit call to the first handler's start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTAINERS, PLATFORM_CONTAINERS } from '@bytelyst/db/containers';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import type { Subscriber } from '../src/bus';
import type { EventType } from '../src/catalogue';
import { createDurableBus } from '../src/durable-bus';

const BURST = Number(process.env.BENCH_EVENTS ?? 20_000);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 1000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const payload = (i: number) => ({ flagId: `flag-${i % 50}`, enabled: i % 2 === 0, percentage: i % 100 });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-bus-bench-'));
  // BENCH_CHECKPOINTS=inline compares with SQLite's own checkpoints inside commits.
  const checkpoints = process.env.BENCH_CHECKPOINTS === 'inline' ? 'inline' : 'background';
  const store = createSqliteStore({ path: join(dir, 'bench.db'), checkpoints });
  try {
    await store.init(PLATFORM_CONTAINERS);
    const bus = createDurableBus({ store });
    const handled = new Map<string, number>();
    const firstStart = new Map<string, number>();
    let done = 0;
    let onDone: (() => void) | undefined;
    let target = 0;
    const subscriber = (name: string): Subscriber<EventType> => ({
      name,
      events: '*',
      handle: async (event) => {
        if (!firstStart.has(event.id)) firstStart.set(event.id, performance.now());
        const n = (handled.get(event.id) ?? 0) + 1;
        handled.set(event.id, n);
        if (n === 3) {
          done += 1;
          if (done === target) onDone?.();
        }
      },
    });
    for (const name of ['audit-like', 'webhooks-like', 'analytics-like']) bus.subscribe(subscriber(name));

    // Warm-up: statements compiled, JIT warm.
    target = 500;
    await Promise.all(
      Array.from({ length: 500 }, (_, i) => bus.emit('flag.toggled', payload(i), { productId: 'p' })),
    );
    await bus.drain();
    handled.clear();
    firstStart.clear();
    done = 0;

    target = BURST;
    const allDone = new Promise<void>((resolve) => {
      onDone = resolve;
    });
    const started = performance.now();
    const emitted = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        bus.emit('flag.toggled', payload(i), { productId: `product-${i % 4}` }),
      ),
    );
    const acked = performance.now();
    await allDone;
    const handledAt = performance.now();
    await bus.drain();
    const settled = performance.now();
    const delivered = await store
      .container(CONTAINERS.events.name)
      .count({ where: { status: { eq: 'delivered' } } });
    const burstRows = [
      {
        figure: `burst of ${BURST} emits, 3 subscribers`,
        'events/s (emit to all handled)': Math.round(BURST / ((handledAt - started) / 1000)),
        'events/s (emit to states written)': Math.round(BURST / ((settled - started) / 1000)),
        'emits acknowledged/s': Math.round(BURST / ((acked - started) / 1000)),
        'delivered in store': delivered - 500,
      },
    ];
    if (emitted.length !== BURST) throw new Error('lost emits');

    // Paced: one emit every 1000/PACED_RATE ms.
    handled.clear();
    firstStart.clear();
    done = 0;
    const total = PACED_RATE * PACED_SECONDS;
    target = total;
    const pacedDone = new Promise<void>((resolve) => {
      onDone = resolve;
    });
    const emitAt = new Map<string, number>();
    const interval = 1000 / PACED_RATE;
    const t0 = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const at = performance.now();
      pending.push(
        bus
          .emit('flag.toggled', payload(i), { productId: 'paced' })
          .then((event) => emitAt.set(event.id, at)),
      );
    }
    await Promise.all(pending);
    await pacedDone;
    await bus.drain();
    const latencies = [...emitAt.entries()]
      .map(([id, at]) => (firstStart.get(id) ?? Number.NaN) - at)
      .sort((a, b) => a - b);
    const pacedRows = [
      {
        figure: `${PACED_RATE} emits/s for ${PACED_SECONDS} s`,
        'p50 emit to first handler (ms)': Number(percentile(latencies, 50).toFixed(2)),
        'p99 emit to first handler (ms)': Number(percentile(latencies, 99).toFixed(2)),
        'max (ms)': Number((latencies[latencies.length - 1] ?? Number.NaN).toFixed(2)),
      },
    ];
    await bus.stop();
    process.stdout.write(
      `\nEvent bus on sqlite (file, WAL, ${checkpoints} checkpoints), 3 concurrent subscribers\n`,
    );
    console.table(burstRows);
    console.table(pacedRows);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
