import { addDaysIso, DAY_MS } from '../../lib/time';
import { FINAL_WARNING_ATTEMPTS, type TDunningCase } from './schema';

/** The facts of one Stripe invoice event, as billing staged them with `payment.failed` / `payment.succeeded`. */
export type InvoiceFacts = {
  productId: string;
  userId: string;
  invoiceId: string;
  attemptCount: number;
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  nextRetryAt: string | null;
  /** The Stripe event's `created` time. */
  stripeEventAt: string;
};

/** What a failure does to the invoice's case: open it, move it to the final warning, or nothing. */
export type FailureStep = 'start' | 'start_final' | 'final_warning' | 'update' | 'none';

/**
 * The rules that make dunning safe against Stripe's at-least-once, unordered delivery (the invoice id is the
 * case, so each rule is about one invoice):
 * - a closed case (recovered or downgraded) stays closed: a failure that arrives after the payment is stale;
 * - the attempt count only grows: a failure with a count already seen is a repeat or a late one, and changes
 *   nothing (so it mails nothing);
 * - the final warning is reached once, at Stripe's third attempt, whatever order the attempts arrive in.
 */
export const failureStep = (current: TDunningCase | undefined, facts: InvoiceFacts): FailureStep => {
  const final = facts.attemptCount >= FINAL_WARNING_ATTEMPTS;
  if (!current) return final ? 'start_final' : 'start';
  if (!current.open) return 'none';
  if (facts.attemptCount <= current.attemptCount) return 'none';
  return final && current.stage === 'started' ? 'final_warning' : 'update';
};

/** A new case from its first failure, in the plan's grace period. */
export const openCase = (
  facts: InvoiceFacts,
  plan: { code: string; graceDays: number },
  at: string,
  final: boolean,
): TDunningCase => ({
  id: facts.invoiceId,
  productId: facts.productId,
  userId: facts.userId,
  invoiceId: facts.invoiceId,
  stage: final ? 'final_warning' : 'started',
  open: true,
  plan: plan.code,
  graceDays: plan.graceDays,
  amountDue: facts.amountDue,
  currency: facts.currency,
  attemptCount: facts.attemptCount,
  hostedInvoiceUrl: facts.hostedInvoiceUrl,
  nextRetryAt: facts.nextRetryAt,
  startedAt: at,
  // Counted from the first failure, so the banner can name the date from day one and the downgrade never
  // waits on Stripe's retry schedule.
  graceEndsAt: addDaysIso(at, plan.graceDays),
  finalWarningAt: final ? at : null,
  downgradedAt: null,
  toPlan: null,
  recoveredAt: null,
  amountPaid: null,
  lastStripeEventAt: facts.stripeEventAt,
  mails: [],
  createdAt: at,
  updatedAt: at,
});

/** The newer of two ISO instants. */
export const laterOf = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/** Applies a failure `step` to an open case; null when it changes nothing. */
export const advance = (current: TDunningCase, facts: InvoiceFacts, at: string): TDunningCase | null => {
  const step = failureStep(current, facts);
  if (step !== 'final_warning' && step !== 'update') return null;
  return {
    ...current,
    attemptCount: facts.attemptCount,
    amountDue: facts.amountDue || current.amountDue,
    hostedInvoiceUrl: facts.hostedInvoiceUrl ?? current.hostedInvoiceUrl,
    nextRetryAt: facts.nextRetryAt,
    lastStripeEventAt: laterOf(current.lastStripeEventAt, facts.stripeEventAt),
    ...(step === 'final_warning' ? { stage: 'final_warning' as const, finalWarningAt: at } : {}),
    updatedAt: at,
  };
};

/** Whole days until `end`, rounded up; 0 once it has passed. */
export const daysLeft = (end: string, now: number) =>
  Math.max(0, Math.ceil((Date.parse(end) - now) / DAY_MS));
