import { z } from 'zod';
import { ZPlan, ZPlanCode } from '../plans/schema';

export const ZSubscriptionStatus = z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']);
export type TSubscriptionStatus = z.infer<typeof ZSubscriptionStatus>;

/** Statuses under which the plan's quotas and features apply. */
export const ENTITLED_STATUSES: readonly TSubscriptionStatus[] = ['trialing', 'active', 'past_due'];

/** One change of plan or status, newest last. */
export const ZSubscriptionChange = z.object({
  at: z.string(),
  fromPlan: z.string().nullable(),
  toPlan: z.string(),
  fromStatus: ZSubscriptionStatus.nullable(),
  toStatus: ZSubscriptionStatus,
  reason: z.string(),
  actorId: z.string().nullable(),
});
export type TSubscriptionChange = z.infer<typeof ZSubscriptionChange>;

/** A user's subscription to one product; one per user and product, so its id is the user id. */
export const ZSubscription = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  /** The plan's code (= its id). */
  planCode: z.string(),
  status: ZSubscriptionStatus,
  currentPeriodStart: z.string(),
  currentPeriodEnd: z.string(),
  trialEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  stripeCustomerId: z.string().nullable(),
  stripeSubscriptionId: z.string().nullable(),
  history: z.array(ZSubscriptionChange),
  /** When trial-expiration-check sent `subscription.trial_ending` for the current trial end. */
  trialEndingNotifiedAt: z.string().nullable().optional(),
  /** The Stripe subscription dunning canceled when it moved the account to the free plan; its events are ignored. */
  unlinkedStripeSubscriptionId: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSubscription = z.infer<typeof ZSubscription>;

/** Kept short on purpose: history is shown whole in the console and grows with every change. */
export const HISTORY_LIMIT = 100;

const ZUserId = z.string().trim().min(1).max(128);
const ZReason = z.string().trim().min(1).max(500);

export const ZSubscriptionSort = z.enum(['createdAt', 'currentPeriodEnd', 'trialEnd', 'updatedAt']);

export const ZSubscriptionListInput = z.object({
  status: ZSubscriptionStatus.optional(),
  planCode: ZPlanCode.optional(),
  sort: ZSubscriptionSort.default('createdAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TSubscriptionListInput = z.input<typeof ZSubscriptionListInput>;

export const ZSubscriptionListOutput = z.object({
  items: z.array(ZSubscription),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZSubscriptionUserInput = z.object({ userId: ZUserId });

/**
 * The in-app banner of a user whose payment failed (roadmap §2.25), from the dunning module: shown while the
 * failed invoice is being chased, gone once it is paid or the account was moved to the free plan.
 */
export const ZDunningBanner = z.object({
  /** `started`: the payment failed; `final_warning`: Stripe's third attempt failed too. */
  stage: z.enum(['started', 'final_warning']),
  since: z.string(),
  /** When the account moves to the free plan unless the invoice is paid. */
  graceEndsAt: z.string(),
  /** Whole days until then, rounded up; 0 on the last day. */
  daysLeft: z.number().int().min(0),
  invoiceId: z.string(),
  amountDue: z.number().int().min(0),
  currency: z.string(),
  attemptCount: z.number().int().min(0),
  /** Where the user pays the invoice (Stripe's hosted page), when Stripe gave one. */
  hostedInvoiceUrl: z.string().nullable(),
});
export type TDunningBanner = z.infer<typeof ZDunningBanner>;

/**
 * A subscription with the plan it names (null if that plan was deleted) and its dunning banner (null when no
 * payment is being chased); `id` = the subscription's (user) id.
 */
export const ZSubscriptionView = z.object({
  id: z.string(),
  subscription: ZSubscription,
  plan: ZPlan.nullable(),
  dunning: ZDunningBanner.nullable(),
});
export type TSubscriptionView = z.infer<typeof ZSubscriptionView>;

export const ZChangePlanInput = z.object({
  userId: ZUserId,
  planCode: ZPlanCode,
  reason: ZReason.default('admin change'),
});
export type TChangePlanInput = z.infer<typeof ZChangePlanInput>;

export const ZCancelFields = z.object({
  /** true: keep the plan until the current period ends; false: end it now. */
  atPeriodEnd: z.boolean().default(true),
  reason: ZReason.default('canceled'),
});
export const ZCancelInput = ZCancelFields.extend({ userId: ZUserId });
export type TCancelFields = z.infer<typeof ZCancelFields>;
