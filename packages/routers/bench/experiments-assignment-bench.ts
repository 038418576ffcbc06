/**
 * Experiment assignment: one unit across 50 running experiments, nanoseconds per experiment, ours (compiled
 * definitions, `decide`) beside the GrowthBook SDK's `run()` for the same 50 definitions, and the ratio; every
 * unit's answers are compared, so a mismatch shows. Then the store-backed assignment call (sticky documents and
 * exposures over a file-backed sqlite store) for new and returning units.
 * Run with `npx tsx bench/experiments-assignment-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { GrowthBook } from '@growthbook/growthbook';
import {
  compileExperiment,
  decide,
  type ExperimentDefinition,
  type Unit,
} from '../src/modules/experiments/assignment';
import { createAssignments } from '../src/modules/experiments/assignments';
import { EXPERIMENT_CONTAINERS } from '../src/modules/experiments/containers';
import { createExperimentsRepository, type ExperimentDoc } from '../src/modules/experiments/repository';
import { prepareSubject } from '../src/modules/flags/evaluate';
import { ALL_CONTAINERS } from '../src/services';

const EXPERIMENTS = Number(process.env.BENCH_EXPERIMENTS ?? 50);
const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const STORE_UNITS = Number(process.env.BENCH_STORE_UNITS ?? 300);
const PRODUCT = 'bench';

const everyone = {
  platforms: [],
  minAppVersion: null,
  maxAppVersion: null,
  includeUserIds: [],
  excludeUserIds: [],
  percentage: 100,
};

const WEIGHTS = [
  [50, 50],
  [10, 90],
  [20, 30, 50],
  [25, 25, 25, 25],
  [33.33, 33.33, 33.34],
];

const definition = (i: number): ExperimentDefinition => {
  const weights = WEIGHTS[i % WEIGHTS.length] ?? [50, 50];
  const key = `bench-exp-${i}`;
  return {
    id: key,
    key,
    variants: weights.map((weight, v) => ({ id: v === 0 ? 'control' : `v${v}`, weight })),
    hashAttribute: i % 4 === 3 ? 'deviceId' : 'userId',
    fallbackAttribute: null,
    seed: i % 5 === 0 ? `seed-${i}` : key,
    hashVersion: i % 3 === 0 ? 1 : 2,
    coverage: [1, 0.8, 0.5, 1, 0.95][i % 5] ?? 1,
    namespace: i % 6 === 0 ? ([`ns-${i % 12}`, (i % 2) * 0.5, (i % 2) * 0.5 + 0.5] as const) : null,
    targetingRules: everyone,
    forcedVariants: [],
  };
};

const definitions = Array.from({ length: EXPERIMENTS }, (_, i) => definition(i));
const compiled = definitions.map(compileExperiment);
const gbExperiments = definitions.map((d) => ({
  key: d.key,
  variations: d.variants.map((v) => v.id) as [string, string, ...string[]],
  weights: d.variants.map((v) => v.weight / 100),
  coverage: d.coverage,
  ...(d.namespace ? { namespace: [...d.namespace] as [string, number, number] } : {}),
  hashVersion: d.hashVersion,
  seed: d.seed,
  hashAttribute: d.hashAttribute,
}));
const attributesOf = (u: number) => ({
  userId: `user-${u}-${(u * 2654435761) % 100_000}`,
  deviceId: `device-${u}`,
});
const units: Unit[] = Array.from({ length: UNITS }, (_, u) => {
  const attributes = attributesOf(u);
  return { attributes, subject: prepareSubject(attributes) };
});

const fmt = (value: number, digits = 1) => Number(value.toFixed(digits));

const ours = () => {
  let sink = 0;
  for (const unit of units)
    for (const e of compiled) {
      const d = decide(e, unit);
      if (d.kind === 'assigned') sink += d.variationIndex + 1;
    }
  return sink;
};
const theirs = () => {
  let sink = 0;
  for (const unit of units) {
    const gb = new GrowthBook({ attributes: unit.attributes });
    for (const e of gbExperiments) {
      const r = gb.run(e);
      if (r.inExperiment) sink += r.variationId + 1;
    }
  }
  return sink;
};
const timed = (fn: () => number) => {
  fn(); // warm up the JIT on the same path
  const started = process.hrtime.bigint();
  const sink = fn();
  return { ns: Number(process.hrtime.bigint() - started), sink };
};

let mismatches = 0;
for (const unit of units.slice(0, 2000)) {
  const gb = new GrowthBook({ attributes: unit.attributes });
  compiled.forEach((e, i) => {
    const r = gb.run(gbExperiments[i] as (typeof gbExperiments)[number]);
    const d = decide(e, unit);
    const index = d.kind === 'assigned' ? d.variationIndex : -1;
    if ((r.inExperiment ? r.variationId : -1) !== index) mismatches += 1;
  });
}

const a = timed(ours);
const b = timed(theirs);
const perOurs = a.ns / (UNITS * EXPERIMENTS);
const perTheirs = b.ns / (UNITS * EXPERIMENTS);
console.log(
  JSON.stringify({
    bench: 'experiments-assignment',
    experiments: EXPERIMENTS,
    units: UNITS,
    oursNsPerExperiment: fmt(perOurs),
    oursUsPerUnit: fmt((perOurs * EXPERIMENTS) / 1000, 2),
    growthbookNsPerExperiment: fmt(perTheirs),
    growthbookUsPerUnit: fmt((perTheirs * EXPERIMENTS) / 1000, 2),
    ratioGrowthbookToOurs: fmt(perTheirs / perOurs, 2),
    sameAssignments: a.sink === b.sink && mismatches === 0,
    mismatchesIn2000Units: mismatches,
  }),
);

// The store-backed call: 50 running experiments, sticky documents and exposures in sqlite.
const dir = mkdtempSync(join(tmpdir(), 'exp-bench-'));
const store = createSqliteStore({ path: join(dir, 'store.sqlite'), clock: Date.now });
await store.init(ALL_CONTAINERS);
const repo = createExperimentsRepository(store);
const now = new Date().toISOString();
for (const d of definitions) {
  const doc: ExperimentDoc = {
    ...d,
    namespace: d.namespace ? [...d.namespace] : null,
    forcedVariants: [],
    productId: PRODUCT,
    status: 'running',
    name: d.key,
    hypothesis: '',
    primaryMetric: 'bench',
    secondaryMetrics: [],
    guardrailMetrics: [],
    flagKey: null,
    sampleSize: 0,
    analysis: {
      alpha: 0.05,
      sequential: false,
      sequentialTuning: 5000,
      cuped: true,
      preExposureDays: 14,
      decisionThreshold: 0.95,
    },
    variants: d.variants.map((v) => ({ ...v })),
    startedAt: now,
    pausedAt: null,
    concludedAt: null,
    winningVariant: null,
    conclusion: null,
    results: null,
    revision: 'bench',
    createdAt: now,
    createdBy: 'bench',
    updatedAt: now,
    updatedBy: 'bench',
  };
  await store.container<ExperimentDoc>(EXPERIMENT_CONTAINERS.experiments.name).create(doc);
}
const assignments = createAssignments({ repo, clock: Date.now, ttlMs: 60_000 });
const call = async (u: number) =>
  assignments.assign(PRODUCT, {
    userId: attributesOf(u).userId,
    deviceId: attributesOf(u).deviceId,
    attributes: {},
  });
await call(STORE_UNITS + 1); // compile and cache
const started = performance.now();
for (let u = 0; u < STORE_UNITS; u++) await call(u);
const firstMs = (performance.now() - started) / STORE_UNITS;
const again = performance.now();
for (let u = 0; u < STORE_UNITS; u++) await call(u);
const repeatMs = (performance.now() - again) / STORE_UNITS;
console.log(
  JSON.stringify({
    bench: 'experiments-assignment-call',
    driver: 'sqlite',
    experiments: EXPERIMENTS,
    units: STORE_UNITS,
    newUnitMsPerCall: fmt(firstMs, 3),
    returningUnitMsPerCall: fmt(repeatMs, 3),
  }),
);
await store.close();
rmSync(dir, { recursive: true, force: true });
