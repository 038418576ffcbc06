import { describe, expect, it } from 'vitest';
import { chanceToWin, expectedLoss } from './bayesian';
import { holmBonferroni } from './frequentist';
import { addUnit, analyzeMetric, emptySummary, sampleRatioMismatch, summarize } from './index';

const CONTROL = [12, 15, 9, 11, 14, 10, 13, 8, 16, 12, 11, 14, 10, 9, 13];
const TREATMENT = [14, 17, 12, 13, 15, 16, 11, 18, 14, 13, 15, 12, 17, 16];

describe('Holm-Bonferroni', () => {
  it('adjusts in step-down order and keeps the input order', () => {
    // sorted 0.01, 0.03, 0.04 -> 3 * 0.01 = 0.03; 2 * 0.03 = 0.06; max(0.06, 1 * 0.04) = 0.06
    expect(holmBonferroni([0.01, 0.04, 0.03]).map((p) => Number(p.toFixed(12)))).toEqual([0.03, 0.06, 0.06]);
    // sorted 0.2, 0.5 -> 0.4, max(0.4, 0.5) = 0.5; 0.9 * 3 caps at 1
    expect(holmBonferroni([0.5, 0.2, 0.9]).map((p) => Number(p.toFixed(12)))).toEqual([1, 0.6, 1]);
    expect(holmBonferroni([0.02])).toEqual([0.02]);
  });

  it('is applied across the treatments of one metric', () => {
    const results = analyzeMetric([
      summarize(CONTROL),
      summarize(TREATMENT),
      summarize(CONTROL.map((x) => x + 0.5)),
      summarize(TREATMENT.map((x) => x - 1)),
    ]);
    expect(results.map((r) => r.variationIndex)).toEqual([1, 2, 3]);
    const raw = results.map((r) => r.frequentist.pValue);
    const adjusted = holmBonferroni(raw);
    results.forEach((r, i) => {
      expect(r.frequentist.pValueAdjusted).toBe(adjusted[i]);
      expect(r.frequentist.pValueAdjusted).toBeGreaterThanOrEqual(r.frequentist.pValue);
      expect(r.frequentist.significant).toBe((adjusted[i] ?? 1) < 0.05);
    });
    // the strong treatment stays significant after the adjustment (0.00806 * 3 < 0.05)
    expect(results[0]?.frequentist.significant).toBe(true);
    expect(results[1]?.frequentist.significant).toBe(false);
  });
});

describe('direction and decision', () => {
  it('lower-is-better flips the chance to win and swaps the risks; the lift is unchanged', () => {
    const variants = [summarize(CONTROL), summarize(TREATMENT)];
    const [higher] = analyzeMetric(variants);
    const [lower] = analyzeMetric(variants, { direction: 'lower' });
    expect(higher && lower).toBeTruthy();
    if (!higher || !lower) return;
    expect(lower.frequentist.lift).toBe(higher.frequentist.lift);
    expect(lower.bayesian.chanceToWin).toBeCloseTo(1 - higher.bayesian.chanceToWin, 12);
    expect(lower.bayesian.risk).toEqual({
      control: higher.bayesian.risk.treatment,
      treatment: higher.bayesian.risk.control,
    });
    expect(lower.bayesian.decision).toBe('control');
  });

  it('the decision threshold decides between treatment and inconclusive', () => {
    const variants = [summarize(CONTROL), summarize(TREATMENT)];
    const [r] = analyzeMetric(variants, { decisionThreshold: 0.999 });
    expect(r?.bayesian.chanceToWin).toBeGreaterThan(0.99);
    expect(r?.bayesian.decision).toBe('inconclusive');
  });

  it('risk: expected loss of each choice, equal at a lift of exactly 0', () => {
    const flat = expectedLoss({ mean: 0, sd: 0.1 }, 'higher');
    // E[max(X, 0)] for X ~ N(0, 0.1²) = 0.1 / sqrt(2 pi)
    expect(flat.control).toBeCloseTo(0.1 / Math.sqrt(2 * Math.PI), 12);
    expect(flat.treatment).toBeCloseTo(flat.control, 12);
    // risk(control) - risk(treatment) = E[X] for any normal posterior
    const shifted = expectedLoss({ mean: 0.03, sd: 0.02 }, 'higher');
    expect(shifted.control - shifted.treatment).toBeCloseTo(0.03, 12);
    expect(chanceToWin({ mean: 0, sd: 1 }, 'higher')).toBeCloseTo(0.5, 12);
  });

  it('a proper prior shrinks the lift toward the prior mean and narrows the interval', () => {
    const variants = [summarize(CONTROL), summarize(TREATMENT)];
    const [flat] = analyzeMetric(variants);
    const [informed] = analyzeMetric(variants, { prior: { mean: 0, variance: 0.1 ** 2 } });
    if (!flat || !informed) throw new Error('one result expected');
    // posterior mean = (lift / v) / (1 / v + 1 / 0.01) with v = se²
    const v = flat.frequentist.standardError ** 2;
    expect(informed.bayesian.lift).toBeCloseTo(flat.frequentist.lift / v / (1 / v + 100), 12);
    expect(informed.bayesian.lift).toBeLessThan(flat.bayesian.lift);
    expect(informed.bayesian.standardDeviation).toBeLessThan(flat.bayesian.standardDeviation);
    expect(informed.frequentist.lift).toBe(flat.frequentist.lift);
  });
});

describe('degenerate input', () => {
  it('reports why a comparison cannot be made and returns neutral numbers', () => {
    const [few] = analyzeMetric([summarize([1]), summarize([1, 2, 3])]);
    expect(few?.issue).toBe('too-few-units');
    expect(few?.frequentist).toMatchObject({ lift: 0, pValue: 1, pValueAdjusted: 1, significant: false });
    expect(few?.bayesian).toMatchObject({ chanceToWin: 0.5, decision: 'inconclusive' });
    const [zeroBase] = analyzeMetric([summarize([0, 0, 0]), summarize([1, 0, 1])]);
    expect(zeroBase?.issue).toBe('baseline-zero');
    const [flat] = analyzeMetric([summarize([1, 1, 1]), summarize([1, 1, 1, 1])]);
    expect(flat?.issue).toBe('zero-variance');
    const [fine] = analyzeMetric([summarize([1, 1, 1]), summarize([1, 2, 1, 2])]);
    expect(fine?.issue).toBeNull();
    expect(fine?.frequentist.lift).toBeCloseTo(0.5, 12);
  });

  it('rejects malformed settings and summaries', () => {
    const ok = summarize([1, 2, 3]);
    expect(() => analyzeMetric([ok])).toThrow(/variants/);
    expect(() => analyzeMetric([ok, ok], { alpha: 0 })).toThrow(/alpha/);
    expect(() => analyzeMetric([ok, ok], { sequentialTuning: -1 })).toThrow(/sequentialTuning/);
    expect(() => analyzeMetric([ok, ok], { decisionThreshold: 0.4 })).toThrow(/decisionThreshold/);
    expect(() => analyzeMetric([ok, ok], { prior: { mean: 0, variance: 0 } })).toThrow(/prior/);
    expect(() => analyzeMetric([ok, { units: 2.5, sum: 1, sumSquares: 1 }])).toThrow(/variants\[1\]/);
    expect(() => analyzeMetric([ok, { units: 3, sum: Number.NaN, sumSquares: 1 }])).toThrow(/variants\[1\]/);
    expect(() => summarize([1, 2], { covariates: [1] })).toThrow(/covariates/);
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(/length/);
    expect(() => sampleRatioMismatch([1, -2], [1, 1])).toThrow(/units/);
  });

  it('CUPED needs a covariate in both variants and is not applied to ratio metrics', () => {
    const withCov = summarize([1, 2, 3, 4], { covariates: [1, 2, 2, 4] });
    const [missing] = analyzeMetric([withCov, summarize([2, 3, 4, 5])]);
    expect(missing?.cupedVarianceReduction).toBeNull();
    const [both] = analyzeMetric([withCov, summarize([2, 3, 4, 5], { covariates: [1, 3, 3, 5] })]);
    expect(both?.cupedVarianceReduction).toBeGreaterThan(0);
    const ratio = (values: number[]) =>
      summarize(values, { denominators: [1, 2, 1, 2], covariates: values.map((v) => v - 1) });
    const [ratioResult] = analyzeMetric([ratio([1, 2, 3, 4]), ratio([2, 3, 5, 5])]);
    expect(ratioResult?.cupedVarianceReduction).toBeNull();
    expect(ratioResult?.mean).toBeCloseTo(15 / 6, 12);
  });

  it('SRM ignores variants of weight 0 in the degrees of freedom and is silent without units', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({ chiSquared: 0, pValue: 1, mismatch: false });
    // the weight-0 variant holds no units: the same as a two-way test
    expect(sampleRatioMismatch([500, 500, 0], [1, 1, 0]).pValue).toBeCloseTo(1, 12);
    // units in a weight-0 variant leave the others short of their expectation
    expect(sampleRatioMismatch([5000, 5000, 400], [1, 1, 0]).mismatch).toBe(true);
  });
});

describe('summaries', () => {
  it('addUnit in one pass equals summarize', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const denominators = [1, 1, 2, 1, 2, 3, 1, 2];
    const covariates = [2, 1, 3, 0, 4, 7, 2, 5];
    const streamed = emptySummary({ ratio: true, covariate: true });
    values.forEach((v, i) => addUnit(streamed, v, denominators[i], covariates[i]));
    expect(streamed).toEqual(summarize(values, { denominators, covariates }));
    expect(streamed).toEqual({
      units: 8,
      sum: 31,
      sumSquares: 173,
      denominator: { sum: 13, sumSquares: 25, sumProduct: 64 },
      covariate: { sum: 24, sumSquares: 108, sumProduct: 136 },
    });
  });
});
