import { z } from 'zod';

export const DUNNING_STAGES = ['started', 'final_warning', 'downgraded', 'recovered'] as const;
export const ZDunningStage = z.enum(DUNNING_STAGES);
export type TDunningStage = z.infer<typeof ZDunningStage>;

/** Stripe's Smart Retries count at which the final warning goes out (roadmap §2.25: "after 3 failures"). */
export const FINAL_WARNING_ATTEMPTS = 3;

/** One mail a case sent, through delivery. */
export const ZDunningMail = z.object({
  template: z.string(),
  stage: ZDunningStage,
  /** The delivery log entry (null when delivery planned none, e.g. the user has no address any more). */
  deliveryId: z.string().nullable(),
  status: z.string(),
  at: z.string(),
});
export type TDunningMail = z.infer<typeof ZDunningMail>;

/** One failing invoice of one user's subscription, chased until it is paid or the grace period ends. */
export const ZDunningCase = z.object({
  /** Stripe's invoice id. */
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  invoiceId: z.string(),
  stage: ZDunningStage,
  /** True while the invoice is being chased (started or final_warning): the banner shows. */
  open: z.boolean(),
  /** The plan the subscription was on when the first failure came in, and its grace period. */
  plan: z.string(),
  graceDays: z.number().int().min(0),
  amountDue: z.number().int().min(0),
  currency: z.string(),
  /** The highest Smart Retries count seen for the invoice. */
  attemptCount: z.number().int().min(0),
  hostedInvoiceUrl: z.string().nullable(),
  /** When Stripe tries the card again, as its last failure said; null when it will not. */
  nextRetryAt: z.string().nullable(),
  startedAt: z.string(),
  graceEndsAt: z.string(),
  finalWarningAt: z.string().nullable(),
  downgradedAt: z.string().nullable(),
  /** The plan the account was moved to. */
  toPlan: z.string().nullable(),
  recoveredAt: z.string().nullable(),
  amountPaid: z.number().int().min(0).nullable(),
  /** The newest Stripe event time (`created`) applied, to tell a late redelivery from news. */
  lastStripeEventAt: z.string(),
  mails: z.array(ZDunningMail),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDunningCase = z.infer<typeof ZDunningCase>;

export const ZDunningListInput = z.object({
  /** `open`: started and final_warning; or one stage. */
  stage: z.union([ZDunningStage, z.literal('open')]).optional(),
  userId: z.string().trim().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TDunningListInput = z.input<typeof ZDunningListInput>;

/** A case as the console lists it: with the whole days left of its grace period (null once closed). */
export const ZDunningCaseView = ZDunningCase.extend({ daysLeft: z.number().int().min(0).nullable() });
export type TDunningCaseView = z.infer<typeof ZDunningCaseView>;

export const ZDunningListOutput = z.object({
  items: z.array(ZDunningCaseView),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const ZDunningGetInput = z.object({ invoiceId: z.string().trim().min(1).max(255) });

export const ZDunningStatsInput = z.object({
  /** How many UTC days back the recovered-revenue series reaches (today included). */
  days: z.number().int().min(1).max(365).default(30),
});

export const ZDunningStatsOutput = z.object({
  /** Cases by stage now. */
  byStage: z.record(ZDunningStage, z.number().int()),
  /** Recovered revenue per UTC day and currency, oldest first; days without recoveries are zeros. */
  recovered: z.array(
    z.object({ day: z.string(), amounts: z.record(z.string(), z.number().int()), cases: z.number().int() }),
  ),
  /** Totals over the window, per currency. */
  recoveredTotal: z.record(z.string(), z.number().int()),
  /** Recovered cases out of closed ones in the window (null without any). */
  recoveryRate: z.number().min(0).max(1).nullable(),
});
export type TDunningStatsOutput = z.infer<typeof ZDunningStatsOutput>;
