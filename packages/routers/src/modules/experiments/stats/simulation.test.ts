/**
 * The engine on seeded synthetic data: false-positive rates of A/A tests, the SRM check on real assignment
 * draws, CUPED's variance reduction and unbiasedness, sequential intervals under peeking, and known effects
 * recovered within their intervals. Sizes are kept so the file runs in a few seconds.
 */
import { describe, expect, it } from 'vitest';
import {
  addUnit,
  analyzeMetric,
  emptySummary,
  type MetricSummary,
  sampleRatioMismatch,
  type VariantResult,
} from './index';
import { type Random, seededRandom } from './random';

const ALPHA = 0.05;

const sample = (n: number, value: () => number): MetricSummary => {
  const s = emptySummary();
  for (let i = 0; i < n; i += 1) addUnit(s, value());
  return s;
};

const only = (results: VariantResult[]): VariantResult => {
  expect(results).toHaveLength(1);
  return results[0] as VariantResult;
};

const lognormal = (rng: Random, mu: number, sigma: number) => Math.exp(rng.normal(mu, sigma));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('A/A tests: false-positive rate at alpha 0.05', () => {
  it('1,000 simulated A/A tests of a skewed revenue-like metric', () => {
    const rng = seededRandom(20240611);
    let frequentist = 0;
    let bayesian = 0;
    let sequential = 0;
    const runs = 1000;
    for (let run = 0; run < runs; run += 1) {
      const value = () => lognormal(rng, 1, 0.8);
      const variants = [sample(500, value), sample(500, value)];
      const fixed = only(analyzeMetric(variants));
      const seq = only(analyzeMetric(variants, { sequential: true }));
      if (fixed.frequentist.significant) frequentist += 1;
      if (fixed.bayesian.chanceToWin > 1 - ALPHA / 2 || fixed.bayesian.chanceToWin < ALPHA / 2) bayesian += 1;
      if (seq.frequentist.significant) sequential += 1;
    }
    const rate = frequentist / runs;
    console.log(
      `A/A lognormal metric, ${runs} tests of 2 x 500 units: frequentist false-positive rate ${(100 * rate).toFixed(1)} %, ` +
        `Bayesian (chance to win outside 2.5-97.5 %) ${((100 * bayesian) / runs).toFixed(1)} %, sequential ${((100 * sequential) / runs).toFixed(1)} %`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.03);
    expect(rate).toBeLessThanOrEqual(0.07);
    expect(bayesian / runs).toBeGreaterThanOrEqual(0.03);
    expect(bayesian / runs).toBeLessThanOrEqual(0.07);
    expect(sequential / runs).toBeLessThanOrEqual(rate);
  });

  it('1,000 simulated A/A tests of a conversion metric', () => {
    const rng = seededRandom(7);
    let positives = 0;
    const runs = 1000;
    for (let run = 0; run < runs; run += 1) {
      const variants = [sample(1000, () => rng.bernoulli(0.1)), sample(1000, () => rng.bernoulli(0.1))];
      if (only(analyzeMetric(variants)).frequentist.significant) positives += 1;
    }
    console.log(
      `A/A conversion 10 %, ${runs} tests of 2 x 1,000 units: false-positive rate ${((100 * positives) / runs).toFixed(1)} %`,
    );
    expect(positives / runs).toBeGreaterThanOrEqual(0.03);
    expect(positives / runs).toBeLessThanOrEqual(0.07);
  });

  it('Holm-Bonferroni keeps the family-wise rate of three A/A treatments near alpha', () => {
    const rng = seededRandom(99);
    let anyRaw = 0;
    let anyAdjusted = 0;
    const runs = 500;
    for (let run = 0; run < runs; run += 1) {
      const variants = Array.from({ length: 4 }, () => sample(300, () => rng.normal(10, 4)));
      const results = analyzeMetric(variants);
      if (results.some((r) => r.frequentist.pValue < ALPHA)) anyRaw += 1;
      if (results.some((r) => r.frequentist.significant)) anyAdjusted += 1;
    }
    console.log(
      `A/A with 3 treatments, ${runs} tests: any raw p < 0.05 in ${((100 * anyRaw) / runs).toFixed(1)} %, after Holm-Bonferroni ${((100 * anyAdjusted) / runs).toFixed(1)} %`,
    );
    expect(anyAdjusted / runs).toBeLessThanOrEqual(0.07);
    expect(anyRaw).toBeGreaterThan(anyAdjusted);
  });
});

describe('sample ratio mismatch on assignment draws', () => {
  const assign = (rng: Random, units: number, controlShare: number) => {
    let control = 0;
    for (let i = 0; i < units; i += 1) if (rng.uniform() < controlShare) control += 1;
    return [control, units - control];
  };

  it('fires for 52/48 over 100,000 units of a 50/50 test', () => {
    const counts = assign(seededRandom(1), 100_000, 0.52);
    const srm = sampleRatioMismatch(counts, [50, 50]);
    expect(srm.mismatch).toBe(true);
    expect(srm.pValue).toBeLessThan(1e-20);
  });

  it('stays silent for fair 50/50 splits of 100,000 units', () => {
    const rng = seededRandom(2);
    let alarms = 0;
    for (let run = 0; run < 40; run += 1) {
      const srm = sampleRatioMismatch(assign(rng, 100_000, 0.5), [50, 50]);
      expect(srm.pValue).toBeGreaterThan(0);
      if (srm.mismatch) alarms += 1;
    }
    expect(alarms).toBe(0);
  });
});

describe('CUPED', () => {
  it('reduces the variance on correlated data and leaves the lift unbiased', () => {
    const rng = seededRandom(4242);
    const trueLift = 0.05;
    const runs = 300;
    const plain: number[] = [];
    const adjusted: number[] = [];
    const reductions: number[] = [];
    let covered = 0;
    for (let run = 0; run < runs; run += 1) {
      const arm = (factor: number) => {
        const s = emptySummary({ covariate: true });
        for (let i = 0; i < 1000; i += 1) {
          const pre = rng.normal(50, 10);
          addUnit(s, (20 + 0.8 * pre + rng.normal(0, 5)) * factor, 0, pre);
        }
        return s;
      };
      const variants = [arm(1), arm(1 + trueLift)];
      const withCuped = only(analyzeMetric(variants));
      const without = only(analyzeMetric(variants, { cuped: false }));
      plain.push(without.frequentist.lift);
      adjusted.push(withCuped.frequentist.lift);
      reductions.push(withCuped.cupedVarianceReduction ?? 0);
      if (withCuped.frequentist.ci[0] <= trueLift && trueLift <= withCuped.frequentist.ci[1]) covered += 1;
    }
    // Correlation 0.8 * 10 / sqrt(64 + 25): CUPED removes about rho² = 0.72 of the variance.
    console.log(
      `CUPED: mean variance reduction ${(100 * mean(reductions)).toFixed(1)} %, sd of lift ${sd(adjusted).toFixed(4)} vs ${sd(plain).toFixed(4)} unadjusted, coverage ${((100 * covered) / runs).toFixed(1)} %`,
    );
    expect(mean(reductions)).toBeGreaterThan(0.6);
    expect(mean(reductions)).toBeLessThan(0.8);
    expect(sd(adjusted)).toBeLessThan(0.65 * sd(plain));
    expect(Math.abs(mean(adjusted) - trueLift)).toBeLessThan((3 * sd(adjusted)) / Math.sqrt(runs));
    expect(Math.abs(mean(plain) - trueLift)).toBeLessThan((3 * sd(plain)) / Math.sqrt(runs));
    expect(covered / runs).toBeGreaterThanOrEqual(0.92);
    expect(covered / runs).toBeLessThanOrEqual(0.98);
  });
});

describe('sequential testing', () => {
  it('always-valid intervals are wider than fixed-horizon ones around the same lift', () => {
    const rng = seededRandom(11);
    for (const n of [100, 1000, 10_000, 50_000]) {
      const variants = [sample(n, () => rng.normal(10, 3)), sample(n, () => rng.normal(10.2, 3))];
      const fixed = only(analyzeMetric(variants));
      const seq = only(analyzeMetric(variants, { sequential: true }));
      expect(seq.frequentist.lift).toBe(fixed.frequentist.lift);
      expect(seq.frequentist.ci[0]).toBeLessThan(fixed.frequentist.ci[0]);
      expect(seq.frequentist.ci[1]).toBeGreaterThan(fixed.frequentist.ci[1]);
      expect(seq.frequentist.pValue).toBeGreaterThanOrEqual(fixed.frequentist.pValue);
    }
  });

  it('looking ten times keeps the false-positive rate at alpha; fixed-horizon tests do not', () => {
    const rng = seededRandom(31337);
    const runs = 300;
    let fixedEver = 0;
    let sequentialEver = 0;
    for (let run = 0; run < runs; run += 1) {
      const arms = [emptySummary(), emptySummary()];
      let fixedHit = false;
      let sequentialHit = false;
      for (let look = 0; look < 10; look += 1) {
        for (const arm of arms) for (let i = 0; i < 200; i += 1) addUnit(arm, rng.normal(10, 3));
        if (only(analyzeMetric(arms)).frequentist.significant) fixedHit = true;
        if (only(analyzeMetric(arms, { sequential: true })).frequentist.significant) sequentialHit = true;
      }
      if (fixedHit) fixedEver += 1;
      if (sequentialHit) sequentialEver += 1;
    }
    console.log(
      `A/A with 10 looks, ${runs} tests: fixed-horizon false-positive rate ${((100 * fixedEver) / runs).toFixed(1)} %, sequential ${((100 * sequentialEver) / runs).toFixed(1)} %`,
    );
    expect(sequentialEver / runs).toBeLessThanOrEqual(ALPHA);
    expect(fixedEver / runs).toBeGreaterThan(0.08);
  });
});

describe('a known +10 % effect is recovered', () => {
  const expectRecovered = (r: VariantResult, lift: number) => {
    expect(r.issue).toBeNull();
    expect(r.frequentist.ci[0]).toBeLessThanOrEqual(lift);
    expect(r.frequentist.ci[1]).toBeGreaterThanOrEqual(lift);
    expect(r.bayesian.ci[0]).toBeLessThanOrEqual(lift);
    expect(r.bayesian.ci[1]).toBeGreaterThanOrEqual(lift);
    expect(r.frequentist.significant).toBe(true);
    expect(r.bayesian.decision).toBe('treatment');
  };

  it('conversion 20 % -> 22 %', () => {
    const rng = seededRandom(2024);
    const r = only(
      analyzeMetric([sample(40_000, () => rng.bernoulli(0.2)), sample(40_000, () => rng.bernoulli(0.22))]),
    );
    expectRecovered(r, 0.1);
    expect(r.bayesian.chanceToWin).toBeGreaterThan(0.95);
    expect(r.bayesian.risk.treatment).toBeLessThan(r.bayesian.risk.control);
  });

  it('revenue per unit, lognormal, x 1.1', () => {
    const rng = seededRandom(2025);
    const r = only(
      analyzeMetric([
        sample(20_000, () => lognormal(rng, 2, 1)),
        sample(20_000, () => 1.1 * lognormal(rng, 2, 1)),
      ]),
    );
    expectRecovered(r, 0.1);
  });

  it('ratio metric: revenue per order, x 1.1', () => {
    const rng = seededRandom(2026);
    const arm = (factor: number) => {
      const s = emptySummary({ ratio: true });
      for (let i = 0; i < 20_000; i += 1) {
        const orders = Math.floor(rng.uniform() * 4);
        let revenue = 0;
        for (let o = 0; o < orders; o += 1) revenue += factor * lognormal(rng, 3, 0.7);
        addUnit(s, revenue, orders);
      }
      return s;
    };
    expectRecovered(only(analyzeMetric([arm(1), arm(1.1)])), 0.1);
  });

  it('a 10 % faster page load, where lower is better', () => {
    const rng = seededRandom(2027);
    const r = only(
      analyzeMetric([sample(5000, () => rng.normal(800, 200)), sample(5000, () => rng.normal(720, 200))], {
        direction: 'lower',
      }),
    );
    expectRecovered(r, -0.1);
    expect(r.bayesian.chanceToWin).toBeGreaterThan(0.99);
  });
});
