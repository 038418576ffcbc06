/**
 * Always-valid confidence sequences for the lift, as gbstats' SequentialTwoSidedTTest: the normal-mixture boundary
 * of Waudby-Smith et al. (2023, https://arxiv.org/abs/2103.06476, eq. 9 for the half-width and eq. 155 for the
 * p-value), with the mixing parameter rho chosen from GrowthBook's tuning parameter N (eq. 161): the interval is
 * tightest when the two variants together hold about N units. Looking at the result every day does not raise the
 * false-positive rate above alpha.
 */
import type { LiftEstimate } from './frequentist';

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/** rho = sqrt((-2 ln alpha + ln(1 - 2 ln alpha)) / N). */
export const sequentialRho = (alpha: number, tuning: number): number => {
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(-2 * logAlpha + 1)) / tuning);
};

/**
 * Half-width of the two-sided confidence sequence after n units, for per-unit variance s2:
 * sqrt(s2) * sqrt(2 (n rho² + 1) ln(sqrt(n rho² + 1) / alpha) / (n rho)²).
 */
export const sequentialHalfWidth = (s2: number, n: number, tuning: number, alpha: number): number => {
  const rho = sequentialRho(alpha, tuning);
  const nr2 = n * rho * rho;
  return Math.sqrt(s2) * Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (n * rho) ** 2);
};

export type SequentialResult = { pValue: number; ci: [number, number]; standardError: number };

/**
 * The sequential test of a lift estimated from `n` units in total (control + treatment). The estimator's variance
 * times n is the per-unit variance the boundary takes; the p-value is 1 / e-value, capped at 1, and is below alpha
 * exactly when the interval excludes 0.
 */
export const sequentialTest = (
  estimate: LiftEstimate,
  n: number,
  alpha: number,
  tuning: number,
): SequentialResult => {
  const halfWidth = sequentialHalfWidth(estimate.variance * n, n, tuning, alpha);
  const rho2 = sequentialRho(alpha, tuning) ** 2;
  const st2 = (estimate.lift ** 2 * n) / estimate.variance;
  const tr2p1 = n * rho2 + 1;
  const eValue = Math.exp((rho2 * st2) / (2 * tr2p1)) / Math.sqrt(tr2p1);
  return {
    pValue: Math.min(1, 1 / eValue),
    ci: [estimate.lift - halfWidth, estimate.lift + halfWidth],
    standardError: Math.sqrt(estimate.variance),
  };
};
