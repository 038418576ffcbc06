import { z } from 'zod';
import { def, id } from './def';

/**
 * What dunning needs to place an invoice event in order (optional: events recorded before these fields existed
 * lack them). `stripeEventAt` is the Stripe event's `created` time, so a late redelivery can be told from news.
 */
const invoiceFacts = {
  /** How many times Stripe has tried to charge the invoice. */
  attemptCount: z.number().int().min(0).optional(),
  /** The invoice's amount due, in the currency's minor unit. */
  amountDue: z.number().int().min(0).optional(),
  /** ISO 4217, lower-case as Stripe gives it. */
  currency: z.string().optional(),
  stripeEventAt: z.string().optional(),
  stripeSubscriptionId: z.string().nullable().optional(),
};

/** Billing: subscriptions and payments (public webhook events plus internal billing events). */
export const BILLING_EVENTS = {
  'subscription.created': def({
    version: 1,
    public: true,
    description: 'A subscription was started (on registration or by an admin).',
    payload: z.object({ subscriptionId: id, userId: id, plan: z.string(), status: z.string() }),
    example: {
      subscriptionId: 'sub_3kP9wZ2rNc5V',
      userId: 'usr_8fK2mQ7xLpT3',
      plan: 'pro',
      status: 'trialing',
    },
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
    example: { subscriptionId: 'sub_3kP9wZ2rNc5V', oldPlan: 'pro', newPlan: 'team', status: 'active' },
  }),
  'subscription.canceled': def({
    version: 1,
    public: true,
    description: 'A subscription was canceled by its user or by Stripe.',
    payload: z.object({ subscriptionId: id, userId: id, reason: z.string() }),
    example: {
      subscriptionId: 'sub_3kP9wZ2rNc5V',
      userId: 'usr_8fK2mQ7xLpT3',
      reason: 'stripe: cancellation_requested',
    },
  }),
  'payment.succeeded': def({
    version: 1,
    public: true,
    description: 'An invoice was paid.',
    payload: z.object({ invoiceId: id, amount: z.number().int(), userId: id, ...invoiceFacts }),
    example: { invoiceId: 'in_1QxT4sL2eZvKYlo2', amount: 4900, userId: 'usr_8fK2mQ7xLpT3' },
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
      /** When Stripe tries the card again; null when it will not. */
      nextRetryAt: z.string().nullable().optional(),
      hostedInvoiceUrl: z.string().nullable().optional(),
      ...invoiceFacts,
    }),
    example: {
      invoiceId: 'in_1QxT4sL2eZvKYlo2',
      amount: 4900,
      userId: 'usr_8fK2mQ7xLpT3',
      retryCount: 1,
      currency: 'usd',
      nextRetryAt: '2026-03-17T09:00:00.000Z',
      hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1Mt4Qr2eZvKYlo2C/live_YWNjdF8xTXQ0UXI',
    },
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
