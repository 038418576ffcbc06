import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { isAppError } from '../../../app-error';
import { isoNow } from '../../../lib/time';
import type { PlansService } from '../plans/service';
import type { TSubscription, TSubscriptionStatus } from '../subscriptions/schema';
import { type Mutation, type SubscriptionsService, withChange } from '../subscriptions/service';
import {
  invoiceMetadata,
  invoiceSubscriptionId,
  refId,
  subscriptionPeriod,
  type TStripeInvoice,
  type TStripeSubscription,
} from './objects';
import type { StripeRepository } from './repository';

export type ApplyDeps = {
  repo: StripeRepository;
  subscriptions: SubscriptionsService;
  plans: PlansService;
  bus: EventBus;
  clock: Clock;
};

const MISSING = Symbol('missing');

/** Metadata can name a user whose subscription is gone; that event has nothing to update. */
const unlessMissing = async <T>(work: Promise<T>): Promise<T | typeof MISSING> => {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return MISSING;
    throw error;
  }
};

type Target = { productId: string; userId: string };

/** Stripe's subscription statuses on ours; `incomplete*`, `unpaid` and `paused` all mean "not paid up". */
export const STATUS_MAP: Record<string, TSubscriptionStatus> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  incomplete: 'past_due',
  paused: 'past_due',
  incomplete_expired: 'expired',
  canceled: 'canceled',
};

/** Our subscription for a Stripe object: metadata set when we created the customer, else the stored Stripe ids. */
const findTarget = async (
  repo: StripeRepository,
  refs: { metadata: Record<string, string>; subscriptionId: string | null; customerId: string | null },
): Promise<Target | null> => {
  const { productId, userId } = refs.metadata;
  if (productId && userId) return { productId, userId };
  const doc =
    (refs.subscriptionId
      ? await repo.subscriptionBy('stripeSubscriptionId', refs.subscriptionId)
      : undefined) ??
    (refs.customerId ? await repo.subscriptionBy('stripeCustomerId', refs.customerId) : undefined);
  return doc ? { productId: doc.productId, userId: doc.userId } : null;
};

export const applySubscriptionEvent = async (
  deps: ApplyDeps,
  sub: TStripeSubscription,
  deleted: boolean,
): Promise<string> => {
  const customerId = refId(sub.customer);
  const target = await findTarget(deps.repo, {
    metadata: sub.metadata ?? {},
    subscriptionId: sub.id,
    customerId,
  });
  if (!target) return 'ignored: no matching subscription';
  const period = subscriptionPeriod(sub);
  const plans = period.priceId ? await deps.plans.listAll(target.productId) : { items: [] };
  const plan = plans.items.find((p) => p.stripePriceId && p.stripePriceId === period.priceId);
  const at = isoNow(deps.clock);
  const reason = deleted
    ? `stripe: ${sub.cancellation_details?.reason ?? 'subscription deleted'}`
    : 'stripe: subscription updated';
  const canceledNow = (m: Mutation) => deleted && m.before.status !== 'canceled';
  const m = await unlessMissing(
    deps.subscriptions.mutate(
      target.productId,
      target.userId,
      (current) => {
        // Dunning ended that Stripe subscription when it moved the account to the free plan: its later
        // events (the deletion Stripe confirms) are not news about this subscription.
        if (sub.id === current.unlinkedStripeSubscriptionId) return null;
        const status: TSubscriptionStatus = deleted ? 'canceled' : (STATUS_MAP[sub.status] ?? current.status);
        const next: TSubscription = {
          ...current,
          planCode: plan?.code ?? current.planCode,
          status,
          currentPeriodStart: period.start ?? current.currentPeriodStart,
          currentPeriodEnd: period.end ?? current.currentPeriodEnd,
          trialEnd: sub.trial_end == null ? current.trialEnd : new Date(sub.trial_end * 1000).toISOString(),
          cancelAtPeriodEnd: deleted ? false : Boolean(sub.cancel_at_period_end),
          canceledAt: deleted && current.status !== 'canceled' ? at : current.canceledAt,
          cancelReason: deleted && current.status !== 'canceled' ? reason : current.cancelReason,
          stripeSubscriptionId: sub.id,
          stripeCustomerId: customerId ?? current.stripeCustomerId,
        };
        const moved = next.planCode !== current.planCode || next.status !== current.status;
        if (moved) return withChange(current, next, at, reason, null);
        return JSON.stringify(next) === JSON.stringify(current) ? null : { ...next, updatedAt: at };
      },
      (change) =>
        canceledNow(change)
          ? deps.bus.stage(
              'subscription.canceled',
              { subscriptionId: change.after.id, userId: change.after.userId, reason },
              { productId: target.productId, actorId: null },
            )
          : deps.subscriptions.changedEvent(target.productId, change, null),
    ),
  );
  if (m === MISSING) return 'ignored: no matching subscription';
  if (!m) return 'unchanged';
  return `subscription ${m.after.status}`;
};

export const applyInvoiceEvent = async (
  deps: ApplyDeps,
  invoice: TStripeInvoice,
  succeeded: boolean,
  event: { id: string; created: number },
): Promise<string> => {
  const eventId = event.id;
  const customerId = refId(invoice.customer);
  const subscriptionId = invoiceSubscriptionId(invoice);
  const target = await findTarget(deps.repo, {
    metadata: invoiceMetadata(invoice),
    subscriptionId,
    customerId,
  });
  if (!target) return 'ignored: no matching subscription';
  const at = isoNow(deps.clock);
  const existing = await deps.repo.getPayment(target.productId, invoice.id);
  const amount = succeeded ? invoice.amount_paid : invoice.amount_due;
  const options = { productId: target.productId, actorId: null };
  // What dunning needs to order this event against others of the same invoice.
  const facts = {
    attemptCount: invoice.attempt_count,
    amountDue: invoice.amount_due,
    currency: invoice.currency,
    // Stripe always sends `created`; an event without it (hand-made, or from a proxy that drops it) is still
    // applied, and dunning orders it by its attempt count alone.
    ...(Number.isFinite(event.created)
      ? { stripeEventAt: new Date(event.created * 1000).toISOString() }
      : {}),
    stripeSubscriptionId: subscriptionId,
  };
  // The payment and the subscription are separate documents: each commits with the events that report it.
  await deps.repo.upsertPayment(
    {
      id: invoice.id,
      productId: target.productId,
      userId: target.userId,
      amount,
      currency: invoice.currency,
      status: succeeded ? 'succeeded' : 'failed',
      attemptCount: invoice.attempt_count,
      stripeCustomerId: customerId,
      stripeSubscriptionId: subscriptionId,
      lastEventId: eventId,
      at,
      createdAt: existing?.createdAt ?? at,
    },
    succeeded
      ? deps.bus.stage(
          'payment.succeeded',
          { invoiceId: invoice.id, amount, userId: target.userId, ...facts },
          options,
        )
      : deps.bus.stage(
          'payment.failed',
          {
            invoiceId: invoice.id,
            amount,
            userId: target.userId,
            retryCount: Math.max(0, invoice.attempt_count - 1),
            nextRetryAt: invoice.next_payment_attempt
              ? new Date(invoice.next_payment_attempt * 1000).toISOString()
              : null,
            hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
            ...facts,
          },
          options,
        ),
  );
  await unlessMissing(
    deps.subscriptions.mutate(
      target.productId,
      target.userId,
      (current) => {
        if (subscriptionId && subscriptionId === current.unlinkedStripeSubscriptionId) return null;
        const status: TSubscriptionStatus | null = succeeded
          ? current.status === 'past_due'
            ? 'active'
            : null
          : current.status === 'active' || current.status === 'trialing'
            ? 'past_due'
            : null;
        const ids = {
          stripeCustomerId: current.stripeCustomerId ?? customerId,
          stripeSubscriptionId: current.stripeSubscriptionId ?? subscriptionId,
        };
        if (status) {
          const reason = succeeded ? 'stripe: invoice paid' : 'stripe: invoice payment failed';
          return withChange(current, { ...current, ...ids, status }, at, reason, null);
        }
        const idsChanged =
          ids.stripeCustomerId !== current.stripeCustomerId ||
          ids.stripeSubscriptionId !== current.stripeSubscriptionId;
        return idsChanged ? { ...current, ...ids, updatedAt: at } : null;
      },
      (change) => deps.subscriptions.changedEvent(target.productId, change, null),
    ),
  );
  return succeeded ? 'payment succeeded' : 'payment failed';
};
