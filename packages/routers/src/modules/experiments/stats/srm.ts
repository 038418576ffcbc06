/**
 * Sample ratio mismatch: Pearson's chi-squared goodness of fit of the observed units per variant against the
 * split the weights promise (gbstats' check_srm). A p-value below 0.001 means the assignment or the exposure
 * logging is broken and the results must not be trusted.
 */
import { chiSquaredSurvival } from './distributions';

export const SRM_P_VALUE_THRESHOLD = 0.001;

export type SampleRatioMismatch = { chiSquared: number; pValue: number; mismatch: boolean };

/** Chi-squared goodness of fit of observed unit counts against expected weights (any scale). */
export const sampleRatioMismatch = (units: number[], weights: number[]): SampleRatioMismatch => {
  if (units.length !== weights.length) throw new RangeError('units and weights must have the same length');
  if (units.some((u) => !Number.isFinite(u) || u < 0))
    throw new RangeError('units must be non-negative numbers');
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new RangeError('weights must be non-negative numbers');
  const total = units.reduce((sum, u) => sum + u, 0);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const active = weights.filter((w) => w > 0).length;
  if (total === 0 || totalWeight === 0 || active < 2) return { chiSquared: 0, pValue: 1, mismatch: false };
  // Units seen in a variant of weight 0 stay in the total, so the variants that should hold them fall short.
  let chiSquared = 0;
  units.forEach((observed, i) => {
    const weight = weights[i] ?? 0;
    if (weight <= 0) return;
    const expected = (weight / totalWeight) * total;
    chiSquared += (observed - expected) ** 2 / expected;
  });
  const pValue = chiSquaredSurvival(chiSquared, active - 1);
  return { chiSquared, pValue, mismatch: pValue < SRM_P_VALUE_THRESHOLD };
};
