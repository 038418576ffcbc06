/**
 * The engine against reference values computed with Python 3 + SciPy 1.17.1 / NumPy 2.4.6 on the same inputs.
 * Where SciPy has the whole computation (Welch's t-test, chi-squared goodness of fit) the call is named; for
 * gbstats' relative-lift formulas the reference applies those formulas with NumPy moments (var ddof=1) and
 * SciPy's distributions (t.sf, t.ppf, norm.sf, norm.ppf, truncnorm.stats), as gbstats itself does.
 */
import { describe, expect, it } from 'vitest';
import { cupedMoments, cupedTheta } from './cuped';
import { studentTQuantile, studentTTwoSided } from './distributions';
import { welchDegreesOfFreedom } from './frequentist';
import { analyzeMetric, sampleRatioMismatch, summarize } from './index';
import { sequentialHalfWidth, sequentialRho } from './sequential';
import { unitMoments } from './summary';

const CONTROL = [12, 15, 9, 11, 14, 10, 13, 8, 16, 12, 11, 14, 10, 9, 13];
const TREATMENT = [14, 17, 12, 13, 15, 16, 11, 18, 14, 13, 15, 12, 17, 16];

const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0] as T;
};

describe('distributions (jStat) against SciPy', () => {
  it('Student t quantile and two-sided tail at fractional degrees of freedom', () => {
    // scipy.stats.t.ppf(0.975, 7.3) -> 2.345066736547703
    expect(studentTQuantile(0.975, 7.3)).toBeCloseTo(2.345066736547703, 10);
    // 2 * scipy.stats.t.sf(2.5, 7.3) -> 0.03965023466560043
    expect(studentTTwoSided(2.5, 7.3)).toBeCloseTo(0.03965023466560043, 9);
    expect(studentTTwoSided(-2.5, 7.3)).toBeCloseTo(0.03965023466560043, 9);
  });
});

describe('Welch t-test', () => {
  it('degrees of freedom and p-value of the absolute difference match scipy.stats.ttest_ind', () => {
    const a = unitMoments(summarize(CONTROL));
    const b = unitMoments(summarize(TREATMENT));
    // scipy.stats.ttest_ind(TREATMENT, CONTROL, equal_var=False)
    //   -> statistic 3.2265263604143875, pvalue 0.003276437203267467, df 26.976905165273337
    const df = welchDegreesOfFreedom(a, b);
    expect(df).toBeCloseTo(26.976905165273337, 9);
    const t = (b.mean - a.mean) / Math.sqrt(a.variance / a.n + b.variance / b.n);
    expect(t).toBeCloseTo(3.2265263604143875, 12);
    expect(studentTTwoSided(t, df)).toBeCloseTo(0.003276437203267467, 9);
  });

  it('relative lift with delta-method variance, p-value and 95 % interval', () => {
    const r = only(analyzeMetric([summarize(CONTROL), summarize(TREATMENT)]));
    // lift = mean_b / mean_a - 1; var = var_b / (n_b mean_a²) + var_a mean_b² / (n_a mean_a⁴) (NumPy, ddof=1);
    // p = 2 * t.sf(|lift / se|, df_welch); ci = lift ± t.ppf(0.975, df_welch) * se
    expect(r.frequentist.lift).toBeCloseTo(0.22881355932203382, 12);
    expect(r.frequentist.standardError).toBeCloseTo(0.07997818106491039, 12);
    expect(r.frequentist.degreesOfFreedom).toBeCloseTo(26.976905165273333, 9);
    expect(r.frequentist.pValue).toBeCloseTo(0.00805996270335955, 9);
    expect(r.frequentist.ci[0]).toBeCloseTo(0.06470531299133303, 8);
    expect(r.frequentist.ci[1]).toBeCloseTo(0.3929218056527346, 8);
    expect(r.frequentist.pValueAdjusted).toBe(r.frequentist.pValue);
    expect(r.frequentist.significant).toBe(true);
    expect(r.mean).toBeCloseTo(14.5, 12);
    expect(r.units).toBe(14);
  });

  it('alpha sets the interval level: 90 % interval', () => {
    const r = only(analyzeMetric([summarize(CONTROL), summarize(TREATMENT)], { alpha: 0.1 }));
    // ci = lift ± t.ppf(0.95, df_welch) * se; credible interval = norm.ppf([0.05, 0.95], lift, se)
    expect(r.frequentist.ci[0]).toBeCloseTo(0.09258350610628391, 8);
    expect(r.frequentist.ci[1]).toBeCloseTo(0.3650436125377837, 8);
    expect(r.bayesian.ci[0]).toBeCloseTo(0.09726115812043434, 8);
    expect(r.bayesian.ci[1]).toBeCloseTo(0.36036596052363323, 8);
  });
});

describe('Bayesian engine (normal approximation of the relative lift, flat prior)', () => {
  it('chance to win, credible interval and risk', () => {
    const r = only(analyzeMetric([summarize(CONTROL), summarize(TREATMENT)]));
    // ctw = norm.sf(0, lift, se); ci = norm.ppf([0.025, 0.975], lift, se)
    expect(r.bayesian.lift).toBeCloseTo(0.22881355932203382, 12);
    expect(r.bayesian.chanceToWin).toBeCloseTo(0.997888130221672, 9);
    expect(r.bayesian.ci[0]).toBeCloseTo(0.0720592048857861, 8);
    expect(r.bayesian.ci[1]).toBeCloseTo(0.3855679137582815, 8);
    // gbstats get_risk: p = norm.cdf(0, lift, se); control = (1 - p) * truncnorm mean on (0, inf);
    // treatment = -p * truncnorm mean on (-inf, 0), truncnorm.stats(..., loc=lift, scale=se, moments='m')
    expect(r.bayesian.risk.control).toBeCloseTo(0.22886308569149696, 9);
    expect(r.bayesian.risk.treatment).toBeCloseTo(4.9526369463130134e-5, 9);
    expect(r.bayesian.decision).toBe('treatment');
  });
});

describe('sequential testing (Waudby-Smith et al. eq. 9 / 155 / 161, tuning 5000)', () => {
  it('rho and the half-width for unit variance at n = N = 5000', () => {
    // rho = sqrt((-2 ln 0.05 + ln(1 - 2 ln 0.05)) / 5000) -> 0.03984006677137368
    expect(sequentialRho(0.05, 5000)).toBeCloseTo(0.03984006677137368, 14);
    // sqrt(s2) * sqrt(2 (n rho² + 1) ln(sqrt(n rho² + 1) / alpha) / (n rho)²), s2 = 1, n = 5000 -> 0.042924337188268456
    expect(sequentialHalfWidth(1, 5000, 5000, 0.05)).toBeCloseTo(0.042924337188268456, 13);
  });

  it('interval and always-valid p-value of the lift', () => {
    const variants = [summarize(CONTROL), summarize(TREATMENT)];
    const r = only(analyzeMetric(variants, { sequential: true }));
    // n = 29 units, s2 = var_lift * n: ci = [-0.707919534520792, 1.1655466531648597]; p = min(1, 1 / e-value)
    expect(r.frequentist.ci[0]).toBeCloseTo(-0.707919534520792, 10);
    expect(r.frequentist.ci[1]).toBeCloseTo(1.1655466531648597, 10);
    expect(r.frequentist.pValue).toBeCloseTo(0.8542024626664464, 10);
    expect(r.frequentist.degreesOfFreedom).toBeNull();
    expect(r.frequentist.sequential).toBe(true);
    const tuned = only(analyzeMetric(variants, { sequential: true, sequentialTuning: 100 }));
    // same with N = 100: ci = [-0.0279662039345642, 0.48559332257863186], p = 0.1047968250456347
    expect(tuned.frequentist.ci[0]).toBeCloseTo(-0.0279662039345642, 10);
    expect(tuned.frequentist.ci[1]).toBeCloseTo(0.48559332257863186, 10);
    expect(tuned.frequentist.pValue).toBeCloseTo(0.1047968250456347, 10);
  });
});

describe('ratio metrics (sum A / sum B, delta method)', () => {
  it('matches the delta-method reference', () => {
    const control = summarize([30, 0, 45, 12, 60, 25, 0, 18, 40, 22], {
      denominators: [2, 0, 3, 1, 4, 2, 0, 1, 3, 2],
    });
    const treatment = summarize([35, 50, 10, 0, 70, 28, 33, 20, 44, 26, 15], {
      denominators: [2, 3, 1, 0, 4, 2, 2, 1, 3, 2, 1],
    });
    expect(unitMoments(control).mean).toBe(14);
    // per variant: var = var_m / mean_d² + var_d mean_m² / mean_d⁴ - 2 cov_md mean_m / mean_d³ (NumPy, ddof=1)
    expect(unitMoments(control).variance).toBeCloseTo(3.3607681755829333, 12);
    expect(unitMoments(treatment).variance).toBeCloseTo(4.813470724646635, 12);
    const r = only(analyzeMetric([control, treatment]));
    expect(r.mean).toBeCloseTo(15.761904761904763, 12);
    expect(r.frequentist.lift).toBeCloseTo(0.12585034013605448, 12);
    expect(r.frequentist.standardError).toBeCloseTo(0.06637781152208566, 12);
    expect(r.frequentist.degreesOfFreedom).toBeCloseTo(18.883085697412945, 9);
    expect(r.frequentist.pValue).toBeCloseTo(0.07337307698523081, 9);
    expect(r.frequentist.ci[0]).toBeCloseTo(-0.013138258720628487, 8);
    expect(r.frequentist.ci[1]).toBeCloseTo(0.26483893899273747, 8);
    expect(r.frequentist.significant).toBe(false);
    expect(r.bayesian.chanceToWin).toBeCloseTo(0.9710179950258955, 9);
    expect(r.bayesian.risk.control).toBeCloseTo(0.12659182095991767, 9);
    expect(r.bayesian.risk.treatment).toBeCloseTo(0.0007414808238631801, 9);
    expect(r.bayesian.decision).toBe('treatment');
  });
});

describe('CUPED', () => {
  const xa = [20, 25, 18, 30, 22, 27, 19, 24, 28, 21, 26, 23];
  const ca = [18, 24, 15, 29, 20, 25, 17, 23, 27, 18, 25, 20];
  const xb = [24, 29, 20, 33, 26, 30, 22, 27, 31, 25, 28, 27];
  const cb = [19, 25, 16, 30, 21, 26, 17, 23, 28, 19, 24, 22];
  const control = summarize(xa, { covariates: ca });
  const treatment = summarize(xb, { covariates: cb });

  it('pooled theta and adjusted variances match NumPy on the adjusted values', () => {
    // X, C = pooled values of both variants: np.cov(X, C, ddof=1)[0, 1] / C.var(ddof=1) -> 0.8781575037147102
    const theta = cupedTheta(control, treatment);
    expect(theta).toBeCloseTo(0.8781575037147102, 12);
    // (xa - theta * ca).var(ddof=1) -> 0.28289777439864944; (xb - theta * cb).var(ddof=1) -> 0.3804972576810984
    expect(cupedMoments(control, theta).variance).toBeCloseTo(0.28289777439864944, 10);
    expect(cupedMoments(treatment, theta).variance).toBeCloseTo(0.3804972576810984, 10);
  });

  it('adjusted lift, interval and the variance reduction achieved', () => {
    const r = only(analyzeMetric([control, treatment]));
    // lift = (mean(xb - theta cb) - mean(xa - theta ca)) / mean(xa); variance as above with the adjusted
    // variances and the unadjusted means
    expect(r.frequentist.lift).toBeCloseTo(0.10988191684299511, 12);
    expect(r.frequentist.standardError).toBeCloseTo(0.0105776390270254, 12);
    expect(r.frequentist.degreesOfFreedom).toBeCloseTo(21.533906097097567, 8);
    expect(r.frequentist.ci[0]).toBeCloseTo(0.08791767418115101, 8);
    expect(r.frequentist.ci[1]).toBeCloseTo(0.13184615950483922, 8);
    expect(r.frequentist.pValue / 7.570094128043575e-10).toBeCloseTo(1, 6);
    // 1 - var_lift(CUPED) / var_lift(unadjusted) -> 0.9768108581015555
    expect(r.cupedVarianceReduction).toBeCloseTo(0.9768108581015555, 10);
    const off = only(analyzeMetric([control, treatment], { cuped: false }));
    // unadjusted: lift 0.13780918727915195, p 0.05987603800245337
    expect(off.cupedVarianceReduction).toBeNull();
    expect(off.frequentist.lift).toBeCloseTo(0.13780918727915195, 12);
    expect(off.frequentist.pValue).toBeCloseTo(0.05987603800245337, 9);
    expect(off.frequentist.significant).toBe(false);
    expect(r.frequentist.significant).toBe(true);
  });
});

describe('sample ratio mismatch', () => {
  it('52/48 over 100,000 units at 50/50', () => {
    // scipy.stats.chisquare([52000, 48000]) -> statistic 160.0, pvalue 1.1314837902433038e-36
    const srm = sampleRatioMismatch([52000, 48000], [50, 50]);
    expect(srm.chiSquared).toBeCloseTo(160, 10);
    expect(srm.pValue).toBeLessThan(1e-30);
    expect(srm.mismatch).toBe(true);
  });

  it('p-values near the 0.001 threshold and with unequal or three-way weights', () => {
    // scipy.stats.chisquare([50500, 49500]) -> statistic 10.0, pvalue 0.001565402258002549
    const near = sampleRatioMismatch([50500, 49500], [1, 1]);
    expect(near.pValue).toBeCloseTo(0.001565402258002549, 10);
    expect(near.mismatch).toBe(false);
    // scipy.stats.chisquare([20400, 79600], f_exp=[20000, 80000]) -> statistic 10.0, pvalue 0.001565402258002549
    expect(sampleRatioMismatch([20400, 79600], [20, 80]).pValue).toBeCloseTo(0.001565402258002549, 10);
    // scipy.stats.chisquare([2080, 7920], f_exp=[2000, 8000]) -> statistic 4.0, pvalue 0.04550026389635857
    expect(sampleRatioMismatch([2080, 7920], [0.2, 0.8]).pValue).toBeCloseTo(0.04550026389635857, 10);
    // scipy.stats.chisquare([33550, 33100, 33350], f_exp=[100000 / 3] * 3) -> 3.05, pvalue 0.21762105686523278
    const three = sampleRatioMismatch(
      [33550, 33100, 33350],
      [34, 33, 33].map(() => 1),
    );
    expect(three.chiSquared).toBeCloseTo(3.05, 10);
    expect(three.pValue).toBeCloseTo(0.21762105686523278, 10);
    expect(three.mismatch).toBe(false);
  });
});
