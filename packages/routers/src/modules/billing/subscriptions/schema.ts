import { z } from 'zod';

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
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSubscription = z.infer<typeof ZSubscription>;
