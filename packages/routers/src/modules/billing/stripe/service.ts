import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import Stripe from 'stripe';
import { AppError } from '../../../app-error';
import { isoNow } from '../../../lib/time';
import type { BillingConfig } from '../config';
import type { TSubscription } from '../subscriptions/schema';
import { type ApplyDeps, applyInvoiceEvent, applySubscriptionEvent } from './apply';
import { createStripeClient } from './client';
import { ZStripeInvoice, ZStripeSubscription } from './objects';
import type { TWebhookResult } from './schema';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

const unavailable = (what: string) =>
  new AppError('UNAVAILABLE', `Stripe is not configured on this server (${what} is not set)`);

export const createStripeService = (deps: ApplyDeps & { config: BillingConfig; clock: Clock }) => {
  const { config, repo, clock } = deps;
  const client = createStripeClient(config);
  const requireClient = (): Stripe => {
    if (!client) throw unavailable('STRIPE_SECRET_KEY');
    return client;
  };
  /** Stripe's own errors become a 503 with a safe message; ours pass through. */
  const callStripe = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        throw new AppError('UNAVAILABLE', 'Stripe could not complete the request; try again shortly', {
          cause: error,
        });
      }
      throw error;
    }
  };

  const verify = (rawBody: string | Buffer, signature: string | undefined) => {
    const secret = config.stripeWebhookSecret;
    if (!secret) throw unavailable('STRIPE_WEBHOOK_SECRET');
    if (!signature) throw new AppError('BAD_REQUEST', 'Missing Stripe-Signature header');
    const tolerance = config.webhookToleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
    try {
      // receivedAt from the injected clock, so tests can move time past the tolerance.
      return Stripe.webhooks.constructEvent(rawBody, signature, secret, tolerance, undefined, clock());
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        const stale = /tolerance/i.test(error.message);
        throw new AppError(
          'BAD_REQUEST',
          stale ? 'Stripe signature timestamp is outside the tolerance' : 'Stripe signature does not match',
        );
      }
      throw new AppError('BAD_REQUEST', 'Webhook body is not a Stripe event');
    }
  };

  const apply = async (event: Stripe.Event): Promise<string> => {
    const object: unknown = event.data.object;
    switch (event.type) {
      case 'invoice.payment_succeeded':
      case 'invoice.payment_failed':
        return applyInvoiceEvent(
          deps,
          ZStripeInvoice.parse(object),
          event.type === 'invoice.payment_succeeded',
          event,
        );
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return applySubscriptionEvent(
          deps,
          ZStripeSubscription.parse(object),
          event.type === 'customer.subscription.deleted',
        );
      default:
        return 'ignored: unhandled type';
    }
  };

  return {
    configured: () => ({ api: client !== null, webhook: Boolean(config.stripeWebhookSecret) }),
    /**
     * Verifies the signature, then applies the event once: its id is recorded first, so a redelivery (or a
     * concurrent duplicate) finds the record and is acknowledged without applying again. When applying fails
     * the record is removed, so Stripe's retry applies it.
     */
    async handleWebhook(rawBody: string | Buffer, signature: string | undefined): Promise<TWebhookResult> {
      const event = verify(rawBody, signature);
      const record = { id: event.id, type: event.type, receivedAt: isoNow(clock) };
      try {
        await repo.recordEvent({ ...record, outcome: 'pending' });
      } catch (error) {
        if (isStoreError(error, 'conflict')) return { received: true, duplicate: true, outcome: 'duplicate' };
        throw error;
      }
      try {
        const outcome = await apply(event);
        await repo.markEvent({ ...record, outcome });
        return { received: true, duplicate: false, outcome };
      } catch (error) {
        await repo.forgetEvent(event.id).catch(() => false);
        if (error instanceof Error && error.name === 'ZodError') {
          throw new AppError('BAD_REQUEST', `The ${event.type} event is missing fields it needs`);
        }
        throw error;
      }
    },
    /** A billing-portal URL for the user's Stripe customer, creating (and remembering) the customer if missing. */
    async portalSession(
      productId: string,
      user: { userId: string; email: string },
      returnUrl?: string,
    ): Promise<{ url: string }> {
      const stripe = requireClient();
      const target = returnUrl ?? config.portalReturnUrl;
      if (!target) throw unavailable('BILLING_PORTAL_RETURN_URL');
      const { subscription } = await deps.subscriptions.ensureForUser(productId, user.userId, user.userId);
      let customerId = subscription.stripeCustomerId;
      if (!customerId) {
        const customer = await callStripe(() =>
          stripe.customers.create(
            { email: user.email, metadata: { productId, userId: user.userId } },
            { idempotencyKey: `customer:${productId}:${user.userId}` },
          ),
        );
        const created = customer.id;
        customerId = created;
        await deps.subscriptions.mutate(productId, user.userId, (current) =>
          current.stripeCustomerId
            ? null
            : { ...current, stripeCustomerId: created, updatedAt: isoNow(clock) },
        );
      }
      const id = customerId;
      const session = await callStripe(() =>
        stripe.billingPortal.sessions.create({ customer: id, return_url: target }),
      );
      return { url: session.url };
    },
    /** Cancels the linked Stripe subscription, at period end or at once; 503 when Stripe is not reachable. */
    async cancelRemote(subscription: TSubscription, atPeriodEnd: boolean): Promise<void> {
      const id = subscription.stripeSubscriptionId;
      if (!id) return;
      const stripe = requireClient();
      if (atPeriodEnd) {
        await callStripe(() => stripe.subscriptions.update(id, { cancel_at_period_end: true }));
        return;
      }
      try {
        await stripe.subscriptions.cancel(id);
      } catch (error) {
        // Already canceled at Stripe (say, from its dashboard): the goal is reached.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return;
        await callStripe(() => Promise.reject(error));
      }
    },
    /**
     * Moves the linked Stripe subscription to another price, prorated, and takes back a pending cancellation at
     * period end (a plan change means the customer stays). 503 when Stripe is not reachable.
     */
    async changeRemotePrice(subscription: TSubscription, priceId: string): Promise<void> {
      const id = subscription.stripeSubscriptionId;
      if (!id) return;
      const stripe = requireClient();
      const remote = await callStripe(() => stripe.subscriptions.retrieve(id));
      const item = remote.items.data[0];
      if (!item)
        throw new AppError('CONFLICT', `Stripe subscription ${id} has no item to move to another price`);
      if (item.price.id === priceId && !remote.cancel_at_period_end) return;
      await callStripe(() =>
        stripe.subscriptions.update(
          id,
          {
            items: [{ id: item.id, price: priceId }],
            proration_behavior: 'create_prorations',
            cancel_at_period_end: false,
          },
          { idempotencyKey: `price:${id}:${priceId}:${subscription.updatedAt}` },
        ),
      );
    },
    /** Whether the subscription is paid up at Stripe now (false without a Stripe subscription or client). */
    async stripeActive(subscription: TSubscription): Promise<boolean> {
      if (!client || !subscription.stripeSubscriptionId) return false;
      const id = subscription.stripeSubscriptionId;
      const remote = await callStripe(() => client.subscriptions.retrieve(id));
      return remote.status === 'active';
    },
    paidSince: (subscription: TSubscription, since: string) =>
      repo.paidSince(subscription.productId, subscription.userId, since),
    async listPayments(
      productId: string,
      input: { userId: string; limit: number; cursor?: string | undefined },
    ) {
      const page = await repo.listPayments(productId, input.userId, input.limit, input.cursor);
      return {
        items: page.items.map((doc) => withoutSystemFields(doc)),
        nextCursor: page.continuation,
      };
    },
  };
};

export type StripeService = ReturnType<typeof createStripeService>;
