/**
 * sqlite driver throughput on a file-backed store in a temp dir: point read and write ops/s.
 * Run with `pnpm --filter @bytelyst/db bench`. Reports figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerDef } from '../src/document-store';
import { createSqliteStore } from '../src/sqlite/sqlite-store';

type Doc = { id: string; productId: string; email: string; name: string; n: number; tags: string[] };

const N = Number(process.env.BENCH_N ?? 20_000);
const PARTITIONS = 10;
const DEF: ContainerDef = { name: 'bench_users', partitionKey: ['productId'], indexes: [['email'], ['n']] };

const docAt = (i: number, n = i): Doc => ({
  id: `user-${i}`,
  productId: `product-${i % PARTITIONS}`,
  email: `user${i}@example.com`,
  name: `User number ${i}`,
  n,
  tags: ['a', 'b', `t${i % 7}`],
});

async function measure(label: string, ops: number, fn: (i: number) => Promise<unknown>) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { operation: label, ops, seconds: Number(seconds.toFixed(3)), 'ops/s': Math.round(ops / seconds) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-bench-'));
  const store = createSqliteStore({ path: join(dir, 'bench.db') });
  try {
    await store.init([DEF]);
    const users = store.container<Doc>(DEF.name);
    // Pseudo-random but repeatable access order for reads.
    const order = Array.from({ length: N }, (_, i) => (i * 7919) % N);
    const rows = [
      await measure('create', N, (i) => users.create(docAt(i))),
      await measure('upsert (existing)', N, (i) => users.upsert(docAt(i, i + 1))),
      await measure('read (point)', N, (i) =>
        users.read(`user-${order[i]}`, `product-${(order[i] ?? 0) % PARTITIONS}`),
      ),
      await measure('replace (ifMatch)', Math.min(N, 5000), async (i) => {
        const pk = `product-${i % PARTITIONS}`;
        const current = await users.read(`user-${i}`, pk);
        return users.replace(docAt(i, i + 2), { ifMatch: current?._etag });
      }),
      await measure('query (indexed eq, 1 row)', Math.min(N, 5000), (i) =>
        users.query({
          partitionKey: `product-${i % PARTITIONS}`,
          where: { email: { eq: `user${i}@example.com` } },
        }),
      ),
      await measure('query (page of 50, ordered)', 1000, (i) =>
        users.query({
          partitionKey: `product-${i % PARTITIONS}`,
          orderBy: [{ field: 'n', direction: 'desc' }],
          limit: 50,
        }),
      ),
    ];
    console.log(
      `\nsqlite driver, file-backed (WAL, synchronous=NORMAL), ${N} documents, Node ${process.version}`,
    );
    console.table(rows);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
