/**
 * Feature flag evaluation: nanoseconds per flag for 50 flags with targeting over many user ids,
 * and the evaluate-all call a client makes (through the module's cache over a file-backed sqlite store).
 * Run with `npx tsx bench/flags-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { compileFlag, decide, evaluateAll, isOn, prepareSubject } from '../src/modules/flags/evaluate';
import { createFlagEvaluation } from '../src/modules/flags/evaluation';
import { bucketOf } from '../src/modules/flags/fnv1a';
import { createFlagsRepository, type FlagDoc, searchTextOf } from '../src/modules/flags/repository';
import { FLAG_PLATFORMS, type TFlagTargeting } from '../src/modules/flags/schema';
import { ALL_CONTAINERS } from '../src/services';

const FLAGS = Number(process.env.BENCH_FLAGS ?? 50);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const PRODUCT = 'bench';

const targetingFor = (i: number): TFlagTargeting => ({
  platforms: i % 3 === 0 ? [...FLAG_PLATFORMS.slice(0, 1 + (i % 4))] : [],
  minAppVersion: i % 4 === 0 ? `1.${i % 10}.0` : null,
  maxAppVersion: i % 8 === 0 ? '9.0.0-rc.1' : null,
  includeUserIds: Array.from({ length: i % 5 === 0 ? 200 : 0 }, (_, j) => `user-${j * 31}`),
  excludeUserIds: Array.from({ length: i % 7 === 0 ? 200 : 0 }, (_, j) => `user-${j * 17 + 5}`),
});

const flagDoc = (i: number): FlagDoc => {
  const key = `bench-flag-${i}`;
  return {
    id: key,
    productId: PRODUCT,
    key,
    description: '',
    enabled: i % 10 !== 9,
    percentage: [1, 10, 25, 50, 90, 100, 33.33][i % 7] ?? 50,
    targeting: targetingFor(i),
    searchText: searchTextOf(key, ''),
    createdAt: '2026-06-01T00:00:00.000Z',
    createdBy: 'bench',
    updatedAt: '2026-06-01T00:00:00.000Z',
    updatedBy: 'bench',
  };
};

const subjectInput = (u: number) => ({
  userId: `user-${u}`,
  platform: FLAG_PLATFORMS[u % FLAG_PLATFORMS.length],
  appVersion: `${1 + (u % 9)}.${u % 12}.${u % 5}${u % 11 === 0 ? '-beta.2' : ''}`,
});

const time = (fn: () => number): { ns: number; sink: number } => {
  fn(); // warm up the JIT on the same path
  const started = process.hrtime.bigint();
  const sink = fn();
  return { ns: Number(process.hrtime.bigint() - started), sink };
};
const fmt = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main() {
  const docs = Array.from({ length: FLAGS }, (_, i) => flagDoc(i));
  const compiled = docs.map(compileFlag);
  const inputs = Array.from({ length: USERS }, (_, u) => subjectInput(u));
  const subjects = inputs.map(prepareSubject);

  const hash = time(() => {
    let acc = 0;
    for (let u = 0; u < USERS; u++) acc += bucketOf('bench-flag-1', `user-${u}`);
    return acc;
  });
  const perFlag = time(() => {
    let on = 0;
    for (const s of subjects) for (const f of compiled) if (isOn(decide(f, s))) on++;
    return on;
  });
  const all = time(() => {
    let on = 0;
    for (const input of inputs) {
      const values = evaluateAll(compiled, prepareSubject(input));
      if (values['bench-flag-1']) on++;
    }
    return on;
  });

  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-flags-bench-'));
  const store = createSqliteStore({ path: join(dir, 'bench.db'), clock: Date.now });
  let service = { ns: 0, sink: 0 };
  let coldMs = 0;
  try {
    await store.init(ALL_CONTAINERS);
    const repo = createFlagsRepository(store);
    for (const doc of docs) await repo.create(doc);
    const evaluation = createFlagEvaluation({ repo, clock: Date.now, ttlMs: 60_000 });
    const coldStart = performance.now();
    await evaluation.evaluate(PRODUCT, {});
    coldMs = performance.now() - coldStart;
    const calls = Math.min(USERS, 50_000);
    const started = process.hrtime.bigint();
    let on = 0;
    for (let u = 0; u < calls; u++) {
      const res = await evaluation.evaluate(PRODUCT, inputs[u] ?? {});
      if (res.flags['bench-flag-1']) on++;
    }
    service = { ns: Number(process.hrtime.bigint() - started) / calls, sink: on };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const evaluations = USERS * FLAGS;
  process.stdout.write(`\nFeature flags: ${FLAGS} flags with targeting, ${USERS} user ids\n`);
  console.table([
    {
      measure: 'FNV-1a bucket of key:userId',
      'ns/op': fmt(hash.ns / USERS),
      'ns/flag': fmt(hash.ns / USERS),
    },
    {
      measure: 'decide one flag (precompiled)',
      'ns/op': fmt(perFlag.ns / evaluations),
      'ns/flag': fmt(perFlag.ns / evaluations),
    },
    {
      measure: `evaluateAll (${FLAGS} flags, parses appVersion)`,
      'ns/op': fmt(all.ns / USERS, 0),
      'ns/flag': fmt(all.ns / evaluations),
    },
    {
      measure: 'service evaluate (warm cache, + timestamp)',
      'ns/op': fmt(service.ns, 0),
      'ns/flag': fmt(service.ns / FLAGS),
    },
  ]);
  process.stdout.write(
    `cold load of ${FLAGS} flags from sqlite: ${fmt(coldMs, 2)} ms; ` +
      `flags on per ${USERS} users x ${FLAGS}: ${perFlag.sink} (sinks ${hash.sink % 7}, ${all.sink}, ${service.sink})\n`,
  );
}

void main();
