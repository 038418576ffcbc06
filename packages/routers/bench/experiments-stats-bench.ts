/**
 * Analysis of an experiment with 1,000,000 exposures (BENCH_EXPOSURES): per-unit values for three metrics
 * (conversion, revenue with its pre-exposure value for CUPED, revenue per order as a ratio metric) are folded
 * into per-variant MetricSummary in one pass, then every metric is analysed (frequentist, Bayesian, CUPED,
 * and again with sequential intervals) and the split is checked for sample ratio mismatch.
 * Data are drawn once, outside the timing, from a seeded source. Median of BENCH_ROUNDS rounds.
 * Run with `npx tsx bench/experiments-stats-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  addUnit,
  analyzeMetric,
  emptySummary,
  type MetricSummary,
  sampleRatioMismatch,
} from '../src/modules/experiments/stats/index';
import { seededRandom } from '../src/modules/experiments/stats/random';

const EXPOSURES = Number(process.env.BENCH_EXPOSURES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WEIGHTS = [50, 50];

const rng = seededRandom(16);
const variant = new Uint8Array(EXPOSURES);
const converted = new Float64Array(EXPOSURES);
const revenue = new Float64Array(EXPOSURES);
const preRevenue = new Float64Array(EXPOSURES);
const orders = new Float64Array(EXPOSURES);
for (let i = 0; i < EXPOSURES; i += 1) {
  const v = rng.uniform() < 0.5 ? 0 : 1;
  const lift = v === 1 ? 1.02 : 1;
  const pre = Math.exp(rng.normal(2, 1));
  variant[i] = v;
  converted[i] = rng.bernoulli(0.1 * lift);
  preRevenue[i] = pre;
  revenue[i] = lift * (0.7 * pre + Math.exp(rng.normal(1.5, 1)));
  orders[i] = Math.floor(rng.uniform() * 4);
}

type Summaries = {
  conversion: MetricSummary[];
  revenue: MetricSummary[];
  perOrder: MetricSummary[];
  units: number[];
};

const summarizeAll = (): Summaries => {
  const conversion = WEIGHTS.map(() => emptySummary());
  const revenueSummaries = WEIGHTS.map(() => emptySummary({ covariate: true }));
  const perOrder = WEIGHTS.map(() => emptySummary({ ratio: true }));
  for (let i = 0; i < EXPOSURES; i += 1) {
    const v = variant[i] ?? 0;
    const x = revenue[i] ?? 0;
    addUnit(conversion[v] as MetricSummary, converted[i] ?? 0);
    addUnit(revenueSummaries[v] as MetricSummary, x, 0, preRevenue[i] ?? 0);
    addUnit(perOrder[v] as MetricSummary, x, orders[i] ?? 0);
  }
  return { conversion, revenue: revenueSummaries, perOrder, units: conversion.map((s) => s.units) };
};

const analyzeAll = (s: Summaries) => {
  const results = [s.conversion, s.revenue, s.perOrder].flatMap((metric) => [
    ...analyzeMetric(metric),
    ...analyzeMetric(metric, { sequential: true }),
  ]);
  return { results, srm: sampleRatioMismatch(s.units, WEIGHTS) };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const main = () => {
  const buildMs: number[] = [];
  const analyzeMs: number[] = [];
  let last: ReturnType<typeof analyzeAll> | null = null;
  for (let round = 0; round < ROUNDS; round += 1) {
    const t0 = performance.now();
    const summaries = summarizeAll();
    const t1 = performance.now();
    last = analyzeAll(summaries);
    const t2 = performance.now();
    buildMs.push(t1 - t0);
    analyzeMs.push(t2 - t1);
  }
  const build = median(buildMs);
  const analyze = median(analyzeMs);
  process.stdout.write(
    `experiments stats, ${EXPOSURES.toLocaleString('en')} exposures, 2 variants, 3 metrics ` +
      `(load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores, median of ${ROUNDS}):\n` +
      `  one pass into per-variant summaries: ${build.toFixed(1)} ms\n` +
      `  analyzeMetric x 3 metrics x (fixed + sequential) + SRM: ${analyze.toFixed(2)} ms\n` +
      `  total: ${(build + analyze).toFixed(1)} ms\n`,
  );
  if (!last) return;
  const [conversion, , revenueResult, , perOrder] = last.results;
  process.stdout.write(
    `  conversion lift ${conversion?.frequentist.lift.toFixed(4)} (p ${conversion?.frequentist.pValue.toExponential(2)}), ` +
      `revenue lift ${revenueResult?.frequentist.lift.toFixed(4)} with CUPED reduction ` +
      `${((revenueResult?.cupedVarianceReduction ?? 0) * 100).toFixed(1)} %, revenue per order lift ` +
      `${perOrder?.frequentist.lift.toFixed(4)}; SRM p ${last.srm.pValue.toFixed(3)}\n`,
  );
};

main();
