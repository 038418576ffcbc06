/**
 * The experiments statistics engine: pure functions over per-variant sufficient statistics. Control is variant 0;
 * every treatment is compared with it on the relative lift (treatment / control - 1), frequentist and Bayesian,
 * with CUPED when covariates are present and always-valid intervals when sequential testing is on.
 */
import { bayesianDecision, chanceToWin, credibleInterval, expectedLoss, liftPosterior } from './bayesian';
import { cupedApplies, cupedMoments, cupedTheta } from './cuped';
import {
  holmBonferroni,
  type LiftEstimate,
  liftEstimate,
  twoSidedTTest,
  welchDegreesOfFreedom,
} from './frequentist';
import { DEFAULT_SEQUENTIAL_TUNING, sequentialTest } from './sequential';
import { metricMean, type UnitMoments, unitMoments } from './summary';
import type { AnalysisIssue, AnalysisSettings, MetricSummary, VariantResult } from './types';

export { type SampleRatioMismatch, sampleRatioMismatch } from './srm';
export { addUnit, emptySummary, metricMean, summarize } from './summary';
export type {
  AnalysisIssue,
  AnalysisSettings,
  BayesianDecision,
  LiftPrior,
  MetricSummary,
  VariantResult,
} from './types';

type Resolved = Required<Omit<AnalysisSettings, 'prior'>> & Pick<AnalysisSettings, 'prior'>;

const resolve = (settings: AnalysisSettings): Resolved => {
  const alpha = settings.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('alpha must be between 0 and 1');
  const sequentialTuning = settings.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING;
  if (!(sequentialTuning > 0)) throw new RangeError('sequentialTuning must be positive');
  const decisionThreshold = settings.decisionThreshold ?? 0.95;
  if (!(decisionThreshold > 0.5 && decisionThreshold < 1))
    throw new RangeError('decisionThreshold must be between 0.5 and 1');
  if (settings.prior && !(settings.prior.variance > 0))
    throw new RangeError('prior.variance must be positive');
  return {
    alpha,
    direction: settings.direction ?? 'higher',
    cuped: settings.cuped ?? true,
    sequential: settings.sequential ?? false,
    sequentialTuning,
    decisionThreshold,
    prior: settings.prior,
  };
};

const checkSummary = (s: MetricSummary, index: number) => {
  const finite = [s.units, s.sum, s.sumSquares].every(Number.isFinite);
  if (!finite || s.units < 0 || !Number.isInteger(s.units))
    throw new RangeError(`variants[${index}] must have a non-negative integer units count and finite sums`);
};

type Pair = { a: UnitMoments; b: UnitMoments; reduction: number | null };

/** The moments the comparison of control `a` with treatment `b` uses, CUPED-adjusted when it applies. */
const pairMoments = (a: MetricSummary, b: MetricSummary, cuped: boolean): Pair => {
  const plainA = unitMoments(a);
  const plainB = unitMoments(b);
  if (!cuped || !cupedApplies(a, b)) return { a: plainA, b: plainB, reduction: null };
  const theta = cupedTheta(a, b);
  const adjA = cupedMoments(a, theta);
  const adjB = cupedMoments(b, theta);
  const before = liftEstimate(plainA, plainB).variance;
  const after = liftEstimate(adjA, adjB).variance;
  const reduction = before > 0 && Number.isFinite(after) ? Math.min(1, Math.max(0, 1 - after / before)) : 0;
  return { a: adjA, b: adjB, reduction };
};

const issueOf = ({ a, b }: Pair): AnalysisIssue | null => {
  if (a.n < 2 || b.n < 2) return 'too-few-units';
  if (a.unadjustedMean === 0) return 'baseline-zero';
  if (!(a.variance > 0 || b.variance > 0)) return 'zero-variance';
  return null;
};

type Comparison = Omit<VariantResult, 'frequentist'> & {
  frequentist: Omit<VariantResult['frequentist'], 'pValueAdjusted' | 'significant'>;
};

const neutral = (
  index: number,
  b: MetricSummary,
  reduction: number | null,
  issue: AnalysisIssue,
  s: Resolved,
) => ({
  variationIndex: index,
  units: b.units,
  mean: metricMean(b),
  cupedVarianceReduction: reduction,
  issue,
  frequentist: {
    lift: 0,
    ci: [0, 0] as [number, number],
    pValue: 1,
    standardError: 0,
    degreesOfFreedom: null,
    sequential: s.sequential,
  },
  bayesian: {
    lift: 0,
    ci: [0, 0] as [number, number],
    chanceToWin: 0.5,
    risk: { control: 0, treatment: 0 },
    standardDeviation: 0,
    decision: 'inconclusive' as const,
  },
});

const compare = (control: MetricSummary, b: MetricSummary, index: number, s: Resolved): Comparison => {
  const pair = pairMoments(control, b, s.cuped);
  const issue = issueOf(pair);
  if (issue) return neutral(index, b, pair.reduction, issue, s);
  const estimate: LiftEstimate = liftEstimate(pair.a, pair.b);
  const frequentist = s.sequential
    ? {
        ...sequentialTest(estimate, pair.a.n + pair.b.n, s.alpha, s.sequentialTuning),
        degreesOfFreedom: null,
      }
    : twoSidedTTest(estimate, welchDegreesOfFreedom(pair.a, pair.b), s.alpha);
  const posterior = liftPosterior(estimate, s.prior);
  const chance = chanceToWin(posterior, s.direction);
  return {
    variationIndex: index,
    units: b.units,
    mean: metricMean(b),
    cupedVarianceReduction: pair.reduction,
    issue: null,
    frequentist: { lift: estimate.lift, sequential: s.sequential, ...frequentist },
    bayesian: {
      lift: posterior.mean,
      ci: credibleInterval(posterior, s.alpha),
      chanceToWin: chance,
      risk: expectedLoss(posterior, s.direction),
      standardDeviation: posterior.sd,
      decision: bayesianDecision(chance, s.decisionThreshold),
    },
  };
};

/** Control is index 0; one VariantResult per treatment (index >= 1). Holm-Bonferroni across treatments. */
export const analyzeMetric = (
  variants: MetricSummary[],
  settings: AnalysisSettings = {},
): VariantResult[] => {
  if (variants.length < 2) throw new RangeError('variants must hold control and at least one treatment');
  variants.forEach(checkSummary);
  const s = resolve(settings);
  const [control, ...treatments] = variants as [MetricSummary, ...MetricSummary[]];
  const compared = treatments.map((b, i) => compare(control, b, i + 1, s));
  const adjusted = holmBonferroni(compared.map((c) => c.frequentist.pValue));
  return compared.map((c, i) => {
    const pValueAdjusted = adjusted[i] ?? 1;
    return {
      ...c,
      frequentist: {
        ...c.frequentist,
        pValueAdjusted,
        significant: c.issue === null && pValueAdjusted < s.alpha,
      },
    };
  });
};
