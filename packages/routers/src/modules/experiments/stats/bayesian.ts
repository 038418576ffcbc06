/**
 * Bayesian comparison as gbstats' EffectBayesianABTest (the engine GrowthBook uses since gbstats 0.7): the relative
 * lift is approximated by a normal distribution with the delta-method mean and variance (not the older log-normal
 * approximation), combined with a Gaussian prior on the lift when one is given (flat otherwise). From that
 * posterior: the chance to beat control, the expected loss of shipping either arm, and the credible interval.
 */
import { normalCdf, normalPdf, normalQuantile } from './distributions';
import type { LiftEstimate } from './frequentist';
import type { BayesianDecision, LiftPrior } from './types';

export type Posterior = { mean: number; sd: number };

/** Normal posterior of the lift: the data alone under a flat prior, precision-weighted with a proper prior. */
export const liftPosterior = (estimate: LiftEstimate, prior?: LiftPrior): Posterior => {
  if (!prior) return { mean: estimate.lift, sd: Math.sqrt(estimate.variance) };
  const precision = 1 / estimate.variance + 1 / prior.variance;
  const mean = (estimate.lift / estimate.variance + prior.mean / prior.variance) / precision;
  return { mean, sd: Math.sqrt(1 / precision) };
};

/** P(lift > 0) when higher is better, P(lift < 0) when lower is better. */
export const chanceToWin = (post: Posterior, direction: 'higher' | 'lower'): number => {
  const above = normalCdf(post.mean / post.sd);
  return direction === 'higher' ? above : 1 - above;
};

/**
 * Expected loss in relative lift (gbstats' get_risk): shipping control loses E[max(lift, 0)], shipping treatment
 * loses E[max(-lift, 0)]. For lift ~ N(mu, sigma²), with z = mu / sigma, these are the closed forms
 * mu Φ(z) + sigma φ(z) and -mu Φ(-z) + sigma φ(z) (the truncated-normal means times their probabilities);
 * swapped when lower is better.
 */
export const expectedLoss = (
  post: Posterior,
  direction: 'higher' | 'lower',
): { control: number; treatment: number } => {
  const z = post.mean / post.sd;
  const density = post.sd * normalPdf(z);
  const gainAbove = Math.max(0, post.mean * normalCdf(z) + density);
  const lossBelow = Math.max(0, -post.mean * normalCdf(-z) + density);
  return direction === 'higher'
    ? { control: gainAbove, treatment: lossBelow }
    : { control: lossBelow, treatment: gainAbove };
};

/** Equal-tailed (1 - alpha) credible interval of the lift. */
export const credibleInterval = (post: Posterior, alpha: number): [number, number] => [
  normalQuantile(alpha / 2, post.mean, post.sd),
  normalQuantile(1 - alpha / 2, post.mean, post.sd),
];

export const bayesianDecision = (chance: number, threshold: number): BayesianDecision => {
  if (chance >= threshold) return 'treatment';
  if (chance <= 1 - threshold) return 'control';
  return 'inconclusive';
};
