import type { MetricSummary } from './types';

/** Per-unit moments of one variant, as the tests consume them. */
export type UnitMoments = {
  n: number;
  /** The estimate compared across variants (CUPED-adjusted when adjusted). */
  mean: number;
  /** The mean before any adjustment: the base of the relative lift. */
  unadjustedMean: number;
  /** Per-unit variance of the estimate (sample variance, n - 1). */
  variance: number;
};

export const sampleVariance = (n: number, sum: number, sumSquares: number): number =>
  n > 1 ? Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1)) : 0;

export const sampleCovariance = (n: number, sumX: number, sumY: number, sumProduct: number): number =>
  n > 1 ? (sumProduct - (sumX * sumY) / n) / (n - 1) : 0;

export const varianceOf = (s: MetricSummary): number => sampleVariance(s.units, s.sum, s.sumSquares);

export const meanOf = (s: MetricSummary): number => (s.units > 0 ? s.sum / s.units : 0);

/**
 * Variance of M / D by the delta method, given the means, variances and covariance of numerator and denominator
 * (gbstats' variance_of_ratios).
 */
export const varianceOfRatio = (
  meanM: number,
  varM: number,
  meanD: number,
  varD: number,
  covMD: number,
): number => varM / meanD ** 2 + (varD * meanM ** 2) / meanD ** 4 - (2 * covMD * meanM) / meanD ** 3;

/** Metric value of a variant: the per-unit mean, or Σ A / Σ B for a ratio metric. */
export const metricMean = (s: MetricSummary): number => {
  if (!s.denominator) return meanOf(s);
  return s.denominator.sum === 0 ? 0 : s.sum / s.denominator.sum;
};

/** Moments without CUPED: a per-unit mean, or a ratio with its per-unit delta-method variance. */
export const unitMoments = (s: MetricSummary): UnitMoments => {
  const n = s.units;
  if (!s.denominator) {
    const mean = meanOf(s);
    return { n, mean, unadjustedMean: mean, variance: varianceOf(s) };
  }
  const d = s.denominator;
  const meanM = meanOf(s);
  const meanD = n > 0 ? d.sum / n : 0;
  const mean = metricMean(s);
  if (meanD === 0 || n <= 1) return { n, mean, unadjustedMean: mean, variance: 0 };
  const variance = varianceOfRatio(
    meanM,
    varianceOf(s),
    meanD,
    sampleVariance(n, d.sum, d.sumSquares),
    sampleCovariance(n, s.sum, d.sum, d.sumProduct),
  );
  return { n, mean, unadjustedMean: mean, variance: Math.max(0, variance) };
};

type SummaryOptions = { denominators?: number[]; covariates?: number[] };

/** Builds a MetricSummary from per-unit values (helper for tests and small data). */
export const summarize = (values: number[], opts: SummaryOptions = {}): MetricSummary => {
  const { denominators, covariates } = opts;
  if (denominators && denominators.length !== values.length)
    throw new RangeError('denominators must have one entry per value');
  if (covariates && covariates.length !== values.length)
    throw new RangeError('covariates must have one entry per value');
  const summary = emptySummary({ ratio: Boolean(denominators), covariate: Boolean(covariates) });
  for (let i = 0; i < values.length; i += 1)
    addUnit(summary, values[i] ?? 0, denominators?.[i] ?? 0, covariates?.[i] ?? 0);
  return summary;
};

/** A summary with no units yet, to be filled with addUnit in one pass over the data. */
export const emptySummary = (opts: { ratio?: boolean; covariate?: boolean } = {}): MetricSummary => ({
  units: 0,
  sum: 0,
  sumSquares: 0,
  ...(opts.ratio ? { denominator: { sum: 0, sumSquares: 0, sumProduct: 0 } } : {}),
  ...(opts.covariate ? { covariate: { sum: 0, sumSquares: 0, sumProduct: 0 } } : {}),
});

/** Adds one unit to a summary in place: its value, and its denominator / covariate when the summary keeps them. */
export const addUnit = (summary: MetricSummary, value: number, denominator = 0, covariate = 0): void => {
  summary.units += 1;
  summary.sum += value;
  summary.sumSquares += value * value;
  const d = summary.denominator;
  if (d) {
    d.sum += denominator;
    d.sumSquares += denominator * denominator;
    d.sumProduct += value * denominator;
  }
  const c = summary.covariate;
  if (c) {
    c.sum += covariate;
    c.sumSquares += covariate * covariate;
    c.sumProduct += value * covariate;
  }
};
