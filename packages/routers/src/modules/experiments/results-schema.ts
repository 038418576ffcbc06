import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';

/** One treatment against control on one metric (the stats engine's `VariantResult`). */
export const ZVariantResult = z.object({
  variationIndex: z.number().int(),
  units: z.number().int(),
  mean: z.number(),
  cupedVarianceReduction: z.number().nullable(),
  /** Why the comparison could not be computed (its numbers are then neutral): too-few-units, baseline-zero, ... */
  issue: z.string().nullable(),
  frequentist: z.object({
    lift: z.number(),
    ci: z.tuple([z.number(), z.number()]),
    pValue: z.number(),
    pValueAdjusted: z.number(),
    significant: z.boolean(),
    sequential: z.boolean(),
  }),
  bayesian: z.object({
    lift: z.number(),
    ci: z.tuple([z.number(), z.number()]),
    chanceToWin: z.number(),
    risk: z.object({ control: z.number(), treatment: z.number() }),
    /** 'treatment' or 'control' once the chance to win passes the decision threshold, else 'inconclusive'. */
    decision: z.enum(['treatment', 'control', 'inconclusive']),
  }),
});
export type TVariantResult = z.infer<typeof ZVariantResult>;

export const ZMetricRole = z.enum(['primary', 'secondary', 'guardrail']);

export const ZMetricResult = z.object({
  metricKey: z.string(),
  name: z.string(),
  role: ZMetricRole,
  kind: z.string(),
  direction: z.enum(['higher', 'lower']),
  /** Every variant's units and per-unit mean (ratio: sum of numerators / sum of denominators). */
  variants: z.array(
    z.object({
      variationIndex: z.number().int(),
      variantId: z.string(),
      units: z.number().int(),
      mean: z.number(),
    }),
  ),
  /** One per treatment (index >= 1), against control; empty when a variant has too few units to compare. */
  treatments: z.array(ZVariantResult),
  /** Guardrails: a treatment is significantly worse than control. */
  harmed: z.boolean(),
  /** Set when the metric could not be analysed (e.g. its definition was deleted). */
  error: z.string().nullable(),
});
export type TMetricResult = z.infer<typeof ZMetricResult>;

export const ZSrm = z.object({
  chiSquared: z.number(),
  pValue: z.number(),
  /** p < 0.001: the split is not what the weights say; conclusion needs an override with a reason. */
  mismatch: z.boolean(),
});

export const ZExperimentResults = z.object({
  computedAt: z.string(),
  /** The data window: first exposure of the experiment (or its start) to the time of computing. */
  window: z.object({ from: z.string(), to: z.string() }),
  preExposureDays: z.number().int(),
  trigger: z.enum(['job', 'on_demand']),
  units: z.array(
    z.object({ variationIndex: z.number().int(), variantId: z.string(), units: z.number().int() }),
  ),
  srm: ZSrm,
  metrics: z.array(ZMetricResult),
});
export type TExperimentResults = z.infer<typeof ZExperimentResults>;

export const ZResultsInput = z.object({
  id: z.string().trim().min(1).max(64),
  /** Compute now instead of answering the last stored results. */
  refresh: ZQueryBoolean.optional(),
});

export const ZResultsOutput = z.object({
  experimentId: z.string(),
  status: z.string(),
  /** Null until the first computation. */
  results: ZExperimentResults.nullable(),
  /** Earlier computations, newest first (for the cumulative lift over time). */
  history: z.array(
    z.object({
      computedAt: z.string(),
      window: z.object({ from: z.string(), to: z.string() }),
      units: z.number().int(),
      primary: z
        .object({ lift: z.number(), ci: z.tuple([z.number(), z.number()]), chanceToWin: z.number() })
        .nullable(),
    }),
  ),
});
export type TResultsOutput = z.infer<typeof ZResultsOutput>;
