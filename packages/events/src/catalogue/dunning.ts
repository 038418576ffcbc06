import { z } from 'zod';
import { def, id } from './def';

const ZStage = z.enum(['started', 'final_warning', 'downgraded', 'recovered']);

/** The case every dunning event reports: one failing invoice of one user's subscription. */
const caseFields = {
  caseId: id,
  invoiceId: id,
  userId: id,
  /** In the currency's minor unit, as Stripe reports it. */
  amountDue: z.number().int().min(0),
  /** ISO 4217, lower-case as Stripe gives it. */
  currency: z.string(),
  /** How many times Stripe has tried to charge the invoice (its Smart Retries count). */
  attemptCount: z.number().int().min(0),
  /** The plan the subscription was on when dunning started. */
  plan: z.string(),
  /** When the grace period ends and the account moves to the free plan. */
  graceEndsAt: z.string(),
};

const example = {
  caseId: 'in_1QxT4sL2eZvKYlo2',
  invoiceId: 'in_1QxT4sL2eZvKYlo2',
  userId: 'usr_8fK2mQ7xLpT3',
  amountDue: 4900,
  currency: 'usd',
  attemptCount: 1,
  plan: 'pro',
  graceEndsAt: '2026-03-24T09:00:00.000Z',
};

/**
 * Billing dunning (roadmap §2.25): a failed invoice payment is chased (mail and in-app banner), warned about once
 * more after Stripe's third attempt, and ends recovered (the invoice was paid) or downgraded (the grace period ran
 * out). Public, so a receiver (a CRM, a support tool) can follow an account through it.
 */
export const DUNNING_EVENTS = {
  'dunning.started': def({
    version: 1,
    public: true,
    description:
      'An invoice payment failed and the account entered dunning: the payment-failed mail goes out and the in-app banner shows.',
    payload: z.object(caseFields),
    example,
  }),
  'dunning.final_warning': def({
    version: 1,
    public: true,
    description:
      'Stripe failed to charge the invoice for the third time: the final-warning mail goes out, naming the downgrade date.',
    payload: z.object(caseFields),
    example: { ...example, attemptCount: 3 },
  }),
  'dunning.downgraded': def({
    version: 1,
    public: true,
    description:
      'The grace period ended unpaid: the subscription moved to the free plan and the user was mailed.',
    payload: z.object({
      ...caseFields,
      toPlan: z.string(),
      stage: ZStage.exclude(['downgraded', 'recovered']),
    }),
    example: { ...example, attemptCount: 3, toPlan: 'free', stage: 'final_warning' },
  }),
  'dunning.recovered': def({
    version: 1,
    public: true,
    description:
      'The invoice was paid while in dunning: dunning ended and the banner cleared (no mail; Stripe sends the receipt).',
    payload: z.object({
      ...caseFields,
      /** What was collected, in the currency's minor unit. */
      amountPaid: z.number().int().min(0),
      /** The stage dunning had reached when the payment came in. */
      stage: ZStage.exclude(['downgraded', 'recovered']),
    }),
    example: { ...example, attemptCount: 2, amountPaid: 4900, stage: 'started' },
  }),
} as const;
