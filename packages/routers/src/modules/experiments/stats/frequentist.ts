/**
 * Frequentist comparison of a treatment with control as gbstats' TwoSidedTTest: relative lift
 * (treatment / control - 1) with its delta-method variance, Welch's t-test with Welch-Satterthwaite degrees of
 * freedom, and Holm-Bonferroni across treatments.
 */
import { studentTQuantile, studentTTwoSided } from './distributions';
import type { UnitMoments } from './summary';

export type LiftEstimate = { lift: number; variance: number };

/** Relative lift of b over a: (mean_b - mean_a) / unadjusted mean_a (the CUPED-adjusted difference over the raw base). */
export const relativeLift = (a: UnitMoments, b: UnitMoments): number => (b.mean - a.mean) / a.unadjustedMean;

/**
 * Delta-method variance of the relative lift (gbstats' frequentist_variance, relative): Var(B̄/Ā) with independent
 * variants = var_b / (n_b ā²) + var_a b̄² / (n_a ā⁴), means unadjusted and variances as the test uses them.
 */
export const relativeLiftVariance = (a: UnitMoments, b: UnitMoments): number => {
  const ma = a.unadjustedMean;
  const mb = b.unadjustedMean;
  return b.variance / (b.n * ma ** 2) + (a.variance * mb ** 2) / (a.n * ma ** 4);
};

export const liftEstimate = (a: UnitMoments, b: UnitMoments): LiftEstimate => ({
  lift: relativeLift(a, b),
  variance: relativeLiftVariance(a, b),
});

/** Welch-Satterthwaite degrees of freedom of the difference of two means. */
export const welchDegreesOfFreedom = (a: UnitMoments, b: UnitMoments): number => {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / (vb ** 2 / (b.n - 1) + va ** 2 / (a.n - 1));
};

export type TTestResult = {
  pValue: number;
  ci: [number, number];
  standardError: number;
  degreesOfFreedom: number;
};

/** Two-sided t-test of the lift against 0 with a (1 - alpha) confidence interval. */
export const twoSidedTTest = (
  estimate: LiftEstimate,
  degreesOfFreedom: number,
  alpha: number,
): TTestResult => {
  const standardError = Math.sqrt(estimate.variance);
  const t = estimate.lift / standardError;
  const width = studentTQuantile(1 - alpha / 2, degreesOfFreedom) * standardError;
  return {
    pValue: studentTTwoSided(t, degreesOfFreedom),
    ci: [estimate.lift - width, estimate.lift + width],
    standardError,
    degreesOfFreedom,
  };
};

/**
 * Holm-Bonferroni adjusted p-values (Holm 1979), in the input order: sorted ascending, the k-th smallest (from 0)
 * is multiplied by m - k, made monotone with a running maximum and capped at 1. Rejecting where the adjusted
 * p-value is below alpha is exactly Holm's step-down procedure.
 */
export const holmBonferroni = (pValues: number[]): number[] => {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
};
