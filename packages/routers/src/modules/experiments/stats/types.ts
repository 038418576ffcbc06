/** Sufficient statistics of one metric for one variant, over its units (one value per unit). */
export type MetricSummary = {
  /** n: units exposed to the variant. */
  units: number;
  /** Σ x */
  sum: number;
  /** Σ x² */
  sumSquares: number;
  /** Ratio metrics (sum A / sum B per variant): Σ y, Σ y², Σ xy. */
  denominator?: { sum: number; sumSquares: number; sumProduct: number };
  /** CUPED: each unit's value of the same metric in the pre-exposure window: Σ c, Σ c², Σ xc. */
  covariate?: { sum: number; sumSquares: number; sumProduct: number };
};

/** A Gaussian prior on the relative lift; without one the Bayesian engine uses a flat (improper) prior. */
export type LiftPrior = { mean: number; variance: number };

export type AnalysisSettings = {
  /** Significance level of the frequentist test and width of both intervals (1 - alpha); default 0.05. */
  alpha?: number;
  /** Which way is better; default 'higher'. */
  direction?: 'higher' | 'lower';
  /** Use the covariate when every variant has one; default true. */
  cuped?: boolean;
  /** Always-valid intervals and p-values; default false. */
  sequential?: boolean;
  /** GrowthBook's sequentialTestingTuningParameter (the total sample size where the interval is tightest); default 5000. */
  sequentialTuning?: number;
  /** Bayesian chance-to-win threshold for a decision; default 0.95. */
  decisionThreshold?: number;
  /** Proper Gaussian prior on the relative lift for the Bayesian engine; default none (flat). */
  prior?: LiftPrior;
};

/** Why a comparison could not be computed; the result then carries neutral numbers (lift 0, p 1, chance 0.5). */
export type AnalysisIssue = 'too-few-units' | 'baseline-zero' | 'zero-variance';

export type BayesianDecision = 'treatment' | 'control' | 'inconclusive';

export type VariantResult = {
  variationIndex: number;
  units: number;
  /** Per-unit mean (ratio metrics: sum A / sum B). */
  mean: number;
  /** 0..1 share of the lift's variance removed by CUPED, null when not applied. */
  cupedVarianceReduction: number | null;
  issue: AnalysisIssue | null;
  frequentist: {
    lift: number;
    ci: [number, number];
    pValue: number;
    /** Holm-Bonferroni across the treatments. */
    pValueAdjusted: number;
    /** pValueAdjusted < alpha. */
    significant: boolean;
    standardError: number;
    /** Welch-Satterthwaite degrees of freedom (fixed-horizon test only; null when sequential). */
    degreesOfFreedom: number | null;
    sequential: boolean;
  };
  bayesian: {
    lift: number;
    ci: [number, number];
    /** Posterior probability that the treatment is better than control in the metric's direction. */
    chanceToWin: number;
    /** Expected loss, in relative lift, of shipping control or treatment. */
    risk: { control: number; treatment: number };
    standardDeviation: number;
    /** 'treatment' when chanceToWin >= decisionThreshold, 'control' when <= 1 - decisionThreshold. */
    decision: BayesianDecision;
  };
};
