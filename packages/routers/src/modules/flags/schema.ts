import { z } from 'zod';
import { ZQueryBoolean } from '../../lib/query-boolean';

export const FLAG_PLATFORMS = ['ios', 'android', 'web', 'macos', 'windows', 'linux'] as const;
export const ZPlatform = z.enum(FLAG_PLATFORMS);
export type TPlatform = z.infer<typeof ZPlatform>;

/** kebab-case or snake_case, lower case, starting with a letter. */
export const ZFlagKey = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'Use lower-case kebab-case or snake_case (e.g. new-editor)');

/** Mirrors semver.ts's grammar so the isomorphic schema can check versions without importing it. */
export const VERSION_PATTERN =
  /^v?(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
export const ZAppVersion = z
  .string()
  .trim()
  .max(64)
  .regex(VERSION_PATTERN, 'Expected a version such as 2.4.1 or 3.0.0-beta.2');

/** 0..100 with at most two decimals (the rollout has 10,000 buckets). */
export const ZPercentage = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-6, 'At most two decimals');

export const ZSubjectId = z.string().trim().min(1).max(128);

/**
 * Who a flag applies to, besides its percentage. Empty `platforms` = every platform; a null bound = open;
 * `includeUserIds` are on whenever the flag is enabled, `excludeUserIds` always off. Reused by experiments
 * through `ZFlagTargetingRules`.
 */
export const ZFlagTargeting = z.object({
  platforms: z.array(ZPlatform).max(FLAG_PLATFORMS.length).default([]),
  minAppVersion: ZAppVersion.nullable().default(null),
  maxAppVersion: ZAppVersion.nullable().default(null),
  includeUserIds: z.array(ZSubjectId).max(1000).default([]),
  excludeUserIds: z.array(ZSubjectId).max(1000).default([]),
});
export type TFlagTargeting = z.infer<typeof ZFlagTargeting>;

/** Targeting plus the rollout percentage: the shape experiments reuse. */
export const ZFlagTargetingRules = ZFlagTargeting.extend({ percentage: ZPercentage });
export type TFlagTargetingRules = z.infer<typeof ZFlagTargetingRules>;

export const ZFlag = z.object({
  /** A flag's id is its key: unique per product and immutable. */
  id: z.string(),
  productId: z.string(),
  key: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  percentage: z.number(),
  targeting: ZFlagTargeting,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TFlag = z.infer<typeof ZFlag>;

export const ZFlagListInput = z.object({
  search: z.string().trim().max(100).optional(),
  enabled: ZQueryBoolean.optional(),
  sort: z.enum(['key', 'updatedAt']).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TFlagListInput = z.infer<typeof ZFlagListInput>;

export const ZFlagListOutput = z.object({
  items: z.array(ZFlag),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZFlagIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const ZFlagCreateInput = z.object({
  key: ZFlagKey,
  description: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(false),
  percentage: ZPercentage.default(100),
  targeting: ZFlagTargeting.default({
    platforms: [],
    minAppVersion: null,
    maxAppVersion: null,
    includeUserIds: [],
    excludeUserIds: [],
  }),
});
export type TFlagCreateInput = z.infer<typeof ZFlagCreateInput>;

export const ZFlagUpdateInput = z.object({
  id: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).optional(),
  percentage: ZPercentage.optional(),
  targeting: ZFlagTargeting.optional(),
});
export type TFlagUpdateInput = z.infer<typeof ZFlagUpdateInput>;

export const ZFlagToggleInput = z.object({ id: z.string().trim().min(1).max(64), enabled: z.boolean() });

/** What a client sends to evaluate: the ids to bucket on and the facts targeting looks at. */
export const ZEvaluateInput = z.object({
  userId: ZSubjectId.optional(),
  /** A stable id (e.g. the device's) that anonymous callers bucket on. */
  deviceId: ZSubjectId.optional(),
  platform: ZPlatform.optional(),
  appVersion: z.string().trim().max(64).optional(),
});
export type TEvaluateInput = z.infer<typeof ZEvaluateInput>;

export const ZEvaluateOutput = z.object({
  flags: z.record(z.string(), z.boolean()),
  evaluatedAt: z.string(),
});

export const FLAG_RULES = [
  'disabled',
  'excluded',
  'included',
  'platform',
  'app_version',
  'no_subject',
  'in_rollout',
  'outside_rollout',
] as const;
export const ZFlagRule = z.enum(FLAG_RULES);
export type TFlagRule = z.infer<typeof ZFlagRule>;

/** Without `key`, every flag of the product is explained for the caller described. */
export const ZExplainInput = ZEvaluateInput.extend({ key: z.string().trim().min(1).max(64).optional() });
export type TExplainInput = z.infer<typeof ZExplainInput>;

export const ZExplainItem = z.object({
  key: z.string(),
  value: z.boolean(),
  rule: ZFlagRule,
  /** Which id was bucketed (userId, else deviceId), its bucket 0..9999 and the buckets the rollout covers. */
  subjectId: z.string().nullable(),
  bucket: z.number().int().nullable(),
  threshold: z.number().int(),
  explanation: z.string(),
});
export type TExplainItem = z.infer<typeof ZExplainItem>;

export const ZExplainOutput = z.object({ items: z.array(ZExplainItem), evaluatedAt: z.string() });
export type TExplainOutput = z.infer<typeof ZExplainOutput>;
