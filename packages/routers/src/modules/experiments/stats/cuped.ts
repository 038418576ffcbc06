/**
 * CUPED (Deng et al. 2013) as gbstats' RegressionAdjustedStatistic: each unit's metric x is adjusted by its
 * pre-exposure value c, x - theta * c, with one theta for the compared pair, cov(x, c) / var(c) over the pooled
 * units of control and treatment (pooling keeps theta independent of the assignment, so the lift stays unbiased).
 */
import {
  meanOf,
  sampleCovariance,
  sampleVariance,
  type UnitMoments,
  unitMoments,
  varianceOf,
} from './summary';
import type { MetricSummary } from './types';

type Covariate = NonNullable<MetricSummary['covariate']>;

/** Whether CUPED can adjust this pair: both variants carry a covariate and the metric is not a ratio. */
export const cupedApplies = (a: MetricSummary, b: MetricSummary): boolean =>
  Boolean(a.covariate && b.covariate && !a.denominator && !b.denominator);

const pooled = (a: MetricSummary, b: MetricSummary): MetricSummary => {
  const ca = a.covariate as Covariate;
  const cb = b.covariate as Covariate;
  return {
    units: a.units + b.units,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    covariate: {
      sum: ca.sum + cb.sum,
      sumSquares: ca.sumSquares + cb.sumSquares,
      sumProduct: ca.sumProduct + cb.sumProduct,
    },
  };
};

const covariance = (s: MetricSummary): number =>
  s.covariate ? sampleCovariance(s.units, s.sum, s.covariate.sum, s.covariate.sumProduct) : 0;

const covariateVariance = (s: MetricSummary): number =>
  s.covariate ? sampleVariance(s.units, s.covariate.sum, s.covariate.sumSquares) : 0;

/** theta = cov(x, c) / var(c) over the pooled units of both variants; 0 when either variance is 0. */
export const cupedTheta = (a: MetricSummary, b: MetricSummary): number => {
  const joint = pooled(a, b);
  const varC = covariateVariance(joint);
  if (varC === 0 || varianceOf(joint) === 0) return 0;
  return covariance(joint) / varC;
};

/** Moments of x - theta * c: mean shifted by theta * mean(c), variance var(x) + theta² var(c) - 2 theta cov(x, c). */
export const cupedMoments = (s: MetricSummary, theta: number): UnitMoments => {
  const plain = unitMoments(s);
  const c = s.covariate;
  if (!c || s.units <= 1) return plain;
  const meanC = s.units > 0 ? c.sum / s.units : 0;
  const variance = varianceOf(s) + theta * theta * covariateVariance(s) - 2 * theta * covariance(s);
  return {
    n: s.units,
    mean: meanOf(s) - theta * meanC,
    unadjustedMean: plain.unadjustedMean,
    variance: Math.max(0, variance),
  };
};
