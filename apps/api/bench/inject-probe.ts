/** Profiling aid: CPU microseconds per request through app.inject (no sockets), steadier than req/s on a busy box. */
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing';

const N = Number(process.env.PROBE_N ?? 4000);

const main = async () => {
  const base = await createTestServer({ env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' } });
  await base.app.close();
  const app = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: Date.now,
    services: base.services,
    logStream: { write: () => undefined },
  });
  const product = await base.services.products.find(base.env.DEFAULT_PRODUCT_ID);
  const shape = { result: { data: product } };
  app.get('/bench/raw', (_request, reply) => {
    void reply.send(shape);
  });
  await app.ready();
  const out: string[] = [];
  for (const url of (
    process.env.PROBE_URLS ?? '/bench/raw,/trpc/products.current,/v1/products/current'
  ).split(',')) {
    for (let i = 0; i < 500; i += 1) await app.inject({ url });
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round += 1) {
      const before = process.cpuUsage();
      for (let i = 0; i < N; i += 1) await app.inject({ url });
      const cpu = process.cpuUsage(before);
      best = Math.min(best, (cpu.user + cpu.system) / N);
    }
    out.push(`${url.padEnd(24)} ${best.toFixed(1)} us/req`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  await app.close();
  await base.close();
};

void main();
