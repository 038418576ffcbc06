import { z } from 'zod';

export const ZPlanCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'Use 2-40 lowercase letters, digits or hyphens, starting with a letter');

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
  /** The plan a new user of the product starts on (exactly one per product). */
  isDefault: z.boolean(),
  /** Archived plans take no new subscribers; existing ones keep them. */
  archived: z.boolean(),
  sortOrder: z.number().int(),
  stripePriceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlan>;
