import { z } from 'zod';
import { ZFlagKey, ZFlagTargetingRules, ZSubjectId } from '../flags/schema';
import { ZExperimentResults } from './results-schema';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'concluded'] as const;
export const ZExperimentStatus = z.enum(EXPERIMENT_STATUSES);
export type TExperimentStatus = z.infer<typeof ZExperimentStatus>;

/**
 * Keys that would shadow the module's own REST paths (`/experiments/metrics`, `/experiments/assignments`) or a
 * console page (`/experiments/new`, the wizard).
 */
export const RESERVED_EXPERIMENT_KEYS = ['metrics', 'assignments', 'new'] as const;

/** An experiment's key is its id: lower-case kebab-case or snake_case, immutable, unique per product. */
export const ZExperimentKey = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'Use lower-case kebab-case or snake_case (e.g. new-checkout)')
  .refine((key) => !(RESERVED_EXPERIMENT_KEYS as readonly string[]).includes(key), 'This key is reserved');

export const ZVariantId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Letters, digits, _ . - (e.g. control, treatment)');

/** A variant and its share of the traffic in percent (the roadmap's `{ id: 'control', weight: 50 }`). */
export const ZVariant = z.object({
  id: ZVariantId,
  name: z.string().trim().max(100).optional(),
  weight: z.number().min(0).max(100),
});
export type TVariant = z.infer<typeof ZVariant>;

export const MAX_VARIANTS = 10;

/** 2..10 variants, ids unique, weights summing to 100 (control first: index 0 is the baseline). */
export const ZVariants = z
  .array(ZVariant)
  .min(2)
  .max(MAX_VARIANTS)
  .superRefine((variants, ctx) => {
    const total = variants.reduce((sum, v) => sum + v.weight, 0);
    if (Math.abs(total - 100) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: `Variant weights must sum to 100 (they sum to ${total})` });
    }
    const seen = new Set<string>();
    variants.forEach((v, index) => {
      if (seen.has(v.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Duplicate variant id' });
      seen.add(v.id);
    });
  });

/** `userId` (default), `deviceId`, or the name of an attribute the client sends (an anonymous id). */
export const ZHashAttribute = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'An attribute name such as userId, deviceId or anonymousId');

/** GrowthBook's namespace `[id, start, end]`: experiments sharing an id with disjoint ranges never overlap. */
export const ZNamespace = z
  .tuple([z.string().trim().min(1).max(64), z.number().min(0).max(1), z.number().min(0).max(1)])
  .refine(([, start, end]) => start < end, 'The range start must be below its end');
export type TNamespace = z.infer<typeof ZNamespace>;

export const ZMetricKey = ZFlagKey;

/** A QA user who always sees one variant; never counted as an exposure. */
export const ZForcedVariant = z.object({ userId: ZSubjectId, variant: ZVariantId });
export type TForcedVariant = z.infer<typeof ZForcedVariant>;

const analysisFields = {
  alpha: z.number().min(0.001).max(0.5),
  /** Always-valid intervals, so a team may look every day. */
  sequential: z.boolean(),
  /**
   * GrowthBook's sequential tuning parameter N: the always-valid interval is tightest when the variants together
   * hold about N units, so set it near the sample the experiment expects.
   */
  sequentialTuning: z.number().int().min(100).max(100_000_000),
  cuped: z.boolean(),
  /** CUPED's pre-exposure window. */
  preExposureDays: z.number().int().min(1).max(60),
  /** Bayesian chance-to-win needed to call a winner. */
  decisionThreshold: z.number().min(0.5).max(0.999),
};

export const ZAnalysisSettings = z.object({
  alpha: analysisFields.alpha.default(0.05),
  sequential: analysisFields.sequential.default(false),
  sequentialTuning: analysisFields.sequentialTuning.default(5000),
  cuped: analysisFields.cuped.default(true),
  preExposureDays: analysisFields.preExposureDays.default(14),
  decisionThreshold: analysisFields.decisionThreshold.default(0.95),
});
export type TAnalysisSettings = z.infer<typeof ZAnalysisSettings>;

const DEFAULT_TARGETING = {
  platforms: [],
  minAppVersion: null,
  maxAppVersion: null,
  includeUserIds: [],
  excludeUserIds: [],
  percentage: 100,
};

const definition = {
  name: z.string().trim().min(1).max(200),
  hypothesis: z.string().trim().max(2000),
  variants: ZVariants,
  targetingRules: ZFlagTargetingRules,
  primaryMetric: ZMetricKey,
  secondaryMetrics: z.array(ZMetricKey).max(20),
  guardrailMetrics: z.array(ZMetricKey).max(20),
  hashAttribute: ZHashAttribute,
  /**
   * Hashed when the hash attribute is missing (GrowthBook's fallbackAttribute): `deviceId` before sign-in, whose
   * variation the user keeps once signed in. Only `deviceId`, the one id sign-in links to a user.
   */
  fallbackAttribute: z.literal('deviceId').nullable(),
  seed: z.string().trim().min(1).max(128),
  hashVersion: z.union([z.literal(1), z.literal(2)]),
  coverage: z.number().min(0).max(1),
  namespace: ZNamespace.nullable(),
  forcedVariants: z.array(ZForcedVariant).max(100),
  /** A flag this experiment decides: concluding rolls it to 100 % for a treatment winner, off for control. */
  flagKey: ZFlagKey.nullable(),
  /** Planned units per variant; 0 when none was planned. */
  sampleSize: z.number().int().min(0).max(1_000_000_000),
  analysis: ZAnalysisSettings,
};

export const ZExperimentCreateInput = z.object({
  key: ZExperimentKey,
  name: definition.name,
  hypothesis: definition.hypothesis.default(''),
  variants: definition.variants,
  targetingRules: definition.targetingRules.default(DEFAULT_TARGETING),
  primaryMetric: definition.primaryMetric,
  secondaryMetrics: definition.secondaryMetrics.default([]),
  guardrailMetrics: definition.guardrailMetrics.default([]),
  hashAttribute: definition.hashAttribute.default('userId'),
  fallbackAttribute: definition.fallbackAttribute.default(null),
  /** Defaults to the key. */
  seed: definition.seed.optional(),
  hashVersion: definition.hashVersion.default(2),
  coverage: definition.coverage.default(1),
  namespace: definition.namespace.default(null),
  forcedVariants: definition.forcedVariants.default([]),
  flagKey: definition.flagKey.default(null),
  sampleSize: definition.sampleSize.default(0),
  analysis: definition.analysis.default({
    alpha: 0.05,
    sequential: false,
    sequentialTuning: 5000,
    cuped: true,
    preExposureDays: 14,
    decisionThreshold: 0.95,
  }),
});
export type TExperimentCreateInput = z.infer<typeof ZExperimentCreateInput>;

export const ZExperimentIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const ZExperimentUpdateInput = z.object({
  id: z.string().trim().min(1).max(64),
  name: definition.name.optional(),
  hypothesis: definition.hypothesis.optional(),
  variants: definition.variants.optional(),
  targetingRules: definition.targetingRules.optional(),
  primaryMetric: definition.primaryMetric.optional(),
  secondaryMetrics: definition.secondaryMetrics.optional(),
  guardrailMetrics: definition.guardrailMetrics.optional(),
  hashAttribute: definition.hashAttribute.optional(),
  fallbackAttribute: definition.fallbackAttribute.optional(),
  seed: definition.seed.optional(),
  hashVersion: definition.hashVersion.optional(),
  coverage: definition.coverage.optional(),
  namespace: definition.namespace.optional(),
  forcedVariants: definition.forcedVariants.optional(),
  flagKey: definition.flagKey.optional(),
  sampleSize: definition.sampleSize.optional(),
  /**
   * Only the settings given change. Built from the fields without their defaults: zod fills defaults inside
   * `.partial()`, which would reset every setting not sent.
   */
  analysis: z.object(analysisFields).partial().optional(),
});
export type TExperimentUpdateInput = z.infer<typeof ZExperimentUpdateInput>;

export const ZConclusion = z.object({
  winningVariationIndex: z.number().int().nullable(),
  reason: z.string(),
  srmOverrideReason: z.string().nullable(),
  flagRollout: z.enum(['on', 'off', 'unchanged']),
  concludedBy: z.string(),
});

export const ZExperiment = z.object({
  id: z.string(),
  productId: z.string(),
  key: z.string(),
  status: ZExperimentStatus,
  name: z.string(),
  hypothesis: z.string(),
  variants: z.array(ZVariant),
  targetingRules: ZFlagTargetingRules,
  primaryMetric: z.string(),
  secondaryMetrics: z.array(z.string()),
  guardrailMetrics: z.array(z.string()),
  hashAttribute: z.string(),
  fallbackAttribute: z.string().nullable(),
  seed: z.string(),
  hashVersion: z.union([z.literal(1), z.literal(2)]),
  coverage: z.number(),
  namespace: z.tuple([z.string(), z.number(), z.number()]).nullable(),
  forcedVariants: z.array(ZForcedVariant),
  flagKey: z.string().nullable(),
  sampleSize: z.number().int(),
  analysis: ZAnalysisSettings,
  startedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  concludedAt: z.string().nullable(),
  winningVariant: z.string().nullable(),
  conclusion: ZConclusion.nullable(),
  results: ZExperimentResults.nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TExperiment = z.infer<typeof ZExperiment>;

export const ZExperimentListInput = z.object({
  status: ZExperimentStatus.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TExperimentListInput = z.infer<typeof ZExperimentListInput>;

export const ZExperimentListOutput = z.object({
  items: z.array(ZExperiment),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZConcludeInput = z.object({
  id: z.string().trim().min(1).max(64),
  /** The winning variant's id; null stops the experiment without a winner. */
  winningVariant: ZVariantId.nullable(),
  reason: z.string().trim().min(1).max(2000),
  /** Needed when the results show a sample ratio mismatch: why the conclusion stands anyway. */
  srmOverrideReason: z.string().trim().min(1).max(2000).optional(),
});
export type TConcludeInput = z.infer<typeof ZConcludeInput>;
