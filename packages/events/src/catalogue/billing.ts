import { z } from 'zod';
import { def, id } from './def';

/** Billing: subscriptions and payments (public webhook events plus internal billing events). */
export const BILLING_EVENTS = {
  'subscription.created': def({
    version: 1,
    public: true,
    description: 'A subscription was started (on registration or by an admin).',
    payload: z.object({ subscriptionId: id, userId: id, plan: z.string(), status: z.string() }),
  }),
  'subscription.changed': def({
    version: 1,
    public: true,
    description: "A subscription's plan or status changed.",
    payload: z.object({
      subscriptionId: id,
      oldPlan: z.string(),
      newPlan: z.string(),
      status: z.string(),
    }),
  }),
  'subscription.canceled': def({
    version: 1,
    public: true,
    description: 'A subscription was canceled by its user or by Stripe.',
    payload: z.object({ subscriptionId: id, userId: id, reason: z.string() }),
  }),
  'payment.succeeded': def({
    version: 1,
    public: true,
    description: 'An invoice was paid.',
    payload: z.object({ invoiceId: id, amount: z.number().int(), userId: id }),
  }),
  'payment.failed': def({
    version: 1,
    public: true,
    description: 'An invoice payment failed.',
    payload: z.object({
      invoiceId: id,
      amount: z.number().int(),
      userId: id,
      retryCount: z.number().int().min(0),
      /** ISO 4217, lower-case as Stripe gives it. */
      currency: z.string().optional(),
      /** When Stripe tries the card again; null when it will not. */
      nextRetryAt: z.string().nullable().optional(),
      hostedInvoiceUrl: z.string().nullable().optional(),
    }),
  }),
  'subscription.expired': def({
    version: 1,
    public: false,
    description: 'A trial ended without a paid subscription behind it (trial-expiration-check).',
    payload: z.object({ subscriptionId: id, userId: id, plan: z.string(), trialEnd: z.string() }),
  }),
  'subscription.trial_ending': def({
    version: 1,
    public: false,
    description: 'A trial ends within 7 days (sent once per trial by trial-expiration-check).',
    payload: z.object({
      subscriptionId: id,
      userId: id,
      plan: z.string(),
      trialEnd: z.string(),
      daysLeft: z.number().int().min(0),
    }),
  }),
} as const;
