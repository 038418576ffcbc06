import { z } from 'zod';

export const ZPlanCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'Use 2-40 lowercase letters, digits or hyphens, starting with a letter');

/** The grace period of a plan that sets none (roadmap §2.25). */
export const DEFAULT_DUNNING_GRACE_DAYS = 7;

export const ZPlanInterval = z.enum(['month', 'year']);
export type TPlanInterval = z.infer<typeof ZPlanInterval>;

/** A metric's limit under a plan: `limit` units per `period` (UTC day or calendar month); null = unlimited. */
export const ZQuota = z.object({
  limit: z.number().int().min(0).nullable(),
  period: z.enum(['day', 'month']),
});
export type TQuota = z.infer<typeof ZQuota>;

export const ZMetricName = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'Use lowercase letters, digits, dots, dashes or underscores');

/** A plan of one product. Its id is its code (`free`, `pro`, `enterprise`, ...), unique per product. */
export const ZPlan = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  /** Price per interval in the currency's minor unit (cents). */
  priceCents: z.number().int().min(0),
  currency: z.string().length(3),
  interval: ZPlanInterval,
  trialDays: z.number().int().min(0).max(365),
  quotas: z.record(z.string(), ZQuota),
  features: z.array(z.string()),
  /** Devices one license of this plan may be activated on. */
  maxDevices: z.number().int().min(1).max(1000),
  /** Members an organization on this plan may have (orgs module); null = unlimited. Older plans have none. */
  seats: z.number().int().min(1).nullable().optional(),
  /** The plan a new user of the product starts on (exactly one per product). */
  isDefault: z.boolean(),
  /** Archived plans take no new subscribers; existing ones keep them. */
  archived: z.boolean(),
  sortOrder: z.number().int(),
  stripePriceId: z.string().nullable(),
  /** Days a subscriber whose payment failed keeps the plan before dunning moves them to the free plan; unset = 7. */
  dunningGraceDays: z.number().int().min(0).max(60).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlan>;

const ZQuotas = z
  .record(ZMetricName, ZQuota)
  .refine((quotas) => Object.keys(quotas).length <= 50, 'At most 50 quotas');

/** What an admin may set on a plan; the code is fixed once created. */
export const ZPlanFields = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
  priceCents: z.number().int().min(0).max(100_000_000),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, 'Use a 3-letter ISO currency code')
    .default('usd'),
  interval: ZPlanInterval.default('month'),
  trialDays: z.number().int().min(0).max(365).default(0),
  quotas: ZQuotas.default({}),
  features: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  maxDevices: z.number().int().min(1).max(1000).default(1),
  seats: z.number().int().min(1).max(100_000).nullable().default(null),
  sortOrder: z.number().int().min(-10_000).max(10_000).default(0),
  stripePriceId: z.string().trim().min(1).max(255).nullable().default(null),
  dunningGraceDays: z.number().int().min(0).max(60).optional(),
});

export const ZPlanCreateInput = ZPlanFields.extend({ code: ZPlanCode });
export type TPlanCreateInput = z.infer<typeof ZPlanCreateInput>;

export const ZPlanUpdateInput = z.object({
  code: ZPlanCode,
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  priceCents: z.number().int().min(0).max(100_000_000).optional(),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, 'Use a 3-letter ISO currency code')
    .optional(),
  interval: ZPlanInterval.optional(),
  trialDays: z.number().int().min(0).max(365).optional(),
  quotas: ZQuotas.optional(),
  features: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
  maxDevices: z.number().int().min(1).max(1000).optional(),
  seats: z.number().int().min(1).max(100_000).nullable().optional(),
  sortOrder: z.number().int().min(-10_000).max(10_000).optional(),
  stripePriceId: z.string().trim().min(1).max(255).nullable().optional(),
  dunningGraceDays: z.number().int().min(0).max(60).optional(),
});
export type TPlanUpdateInput = z.infer<typeof ZPlanUpdateInput>;

export const ZPlanCodeInput = z.object({ code: ZPlanCode });
export const ZPlanArchiveInput = z.object({ code: ZPlanCode, archived: z.boolean().default(true) });

/** What a pricing page sees: no Stripe ids or bookkeeping. */
export const ZPublicPlan = ZPlan.pick({
  code: true,
  name: true,
  description: true,
  priceCents: true,
  currency: true,
  interval: true,
  trialDays: true,
  quotas: true,
  features: true,
  maxDevices: true,
  seats: true,
  isDefault: true,
  sortOrder: true,
});
export type TPublicPlan = z.infer<typeof ZPublicPlan>;

export const ZPublicPlanList = z.object({ items: z.array(ZPublicPlan) });
export const ZPlanList = z.object({ items: z.array(ZPlan) });
export const ZPlanDeleteOutput = z.object({ code: z.string(), deleted: z.boolean() });
