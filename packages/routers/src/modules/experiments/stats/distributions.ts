/// <reference path="./jstat.d.ts" />
/**
 * Distribution functions for the experiments engine, from jStat. Upper tails use the symmetric form where there
 * is one (normal, Student t) so small p-values keep their precision instead of vanishing in `1 - cdf`.
 */
import jStat from 'jstat';

export const normalCdf = (x: number, mean = 0, std = 1): number => jStat.normal.cdf(x, mean, std);

export const normalPdf = (x: number, mean = 0, std = 1): number => jStat.normal.pdf(x, mean, std);

/** Quantile of the normal distribution: the x with P(X <= x) = p. */
export const normalQuantile = (p: number, mean = 0, std = 1): number => jStat.normal.inv(p, mean, std);

/** P(X > x) for the normal distribution. */
export const normalSurvival = (x: number, mean = 0, std = 1): number =>
  jStat.normal.cdf(2 * mean - x, mean, std);

export const studentTCdf = (x: number, dof: number): number => jStat.studentt.cdf(x, dof);

/**
 * Quantile of Student's t with `dof` degrees of freedom (fractional degrees, as Welch gives, are fine). jStat's
 * inverse stops near 1e-8; one Newton step on its own cdf and pdf takes it to the cdf's precision (~1e-13).
 */
export const studentTQuantile = (p: number, dof: number): number => {
  const x = jStat.studentt.inv(p, dof);
  const density = jStat.studentt.pdf(x, dof);
  if (!Number.isFinite(x) || !(density > 0)) return x;
  return x - (jStat.studentt.cdf(x, dof) - p) / density;
};

/** Two-sided p-value of a t statistic: P(|T| >= |t|). */
export const studentTTwoSided = (t: number, dof: number): number =>
  Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), dof));

/** P(X > x) for the chi-squared distribution with `dof` degrees of freedom. */
export const chiSquaredSurvival = (x: number, dof: number): number => {
  if (x <= 0) return 1;
  return Math.max(0, 1 - jStat.chisquare.cdf(x, dof));
};
