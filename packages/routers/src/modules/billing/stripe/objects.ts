import { z } from 'zod';

/**
 * The parts of Stripe's objects the webhook reads, parsed loosely: fields moved between API versions (the
 * subscription period went onto its items, the invoice's subscription under `parent`), so both places are read.
 */
const ZRef = z.union([z.string(), z.object({ id: z.string() }).passthrough()]).nullish();
const ZMetadata = z.record(z.string(), z.string()).nullish();

export const refId = (ref: z.infer<typeof ZRef>): string | null =>
  ref == null ? null : typeof ref === 'string' ? ref : ref.id;

export const ZStripeSubscription = z
  .object({
    id: z.string(),
    customer: ZRef,
    status: z.string(),
    cancel_at_period_end: z.boolean().nullish(),
    trial_end: z.number().nullish(),
    current_period_start: z.number().nullish(),
    current_period_end: z.number().nullish(),
    metadata: ZMetadata,
    cancellation_details: z.object({ reason: z.string().nullish() }).passthrough().nullish(),
    items: z
      .object({
        data: z.array(
          z
            .object({
              price: z.object({ id: z.string() }).passthrough().nullish(),
              current_period_start: z.number().nullish(),
              current_period_end: z.number().nullish(),
            })
            .passthrough(),
        ),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type TStripeSubscription = z.infer<typeof ZStripeSubscription>;

const ZSubscriptionDetails = z.object({ subscription: ZRef, metadata: ZMetadata }).passthrough().nullish();

export const ZStripeInvoice = z
  .object({
    id: z.string(),
    customer: ZRef,
    currency: z.string().default('usd'),
    amount_paid: z.number().int().default(0),
    amount_due: z.number().int().default(0),
    attempt_count: z.number().int().min(0).default(0),
    next_payment_attempt: z.number().int().nullable().optional(),
    hosted_invoice_url: z.string().nullable().optional(),
    subscription: ZRef,
    subscription_details: ZSubscriptionDetails,
    parent: z.object({ subscription_details: ZSubscriptionDetails }).passthrough().nullish(),
    metadata: ZMetadata,
  })
  .passthrough();
export type TStripeInvoice = z.infer<typeof ZStripeInvoice>;

export const invoiceSubscriptionId = (invoice: TStripeInvoice): string | null =>
  refId(invoice.parent?.subscription_details?.subscription) ??
  refId(invoice.subscription_details?.subscription) ??
  refId(invoice.subscription);

export const invoiceMetadata = (invoice: TStripeInvoice): Record<string, string> => ({
  ...(invoice.metadata ?? {}),
  ...(invoice.subscription_details?.metadata ?? {}),
  ...(invoice.parent?.subscription_details?.metadata ?? {}),
});

/** Unix seconds to ISO, or null. */
export const isoOf = (seconds: number | null | undefined): string | null =>
  seconds == null ? null : new Date(seconds * 1000).toISOString();

export const subscriptionPeriod = (sub: TStripeSubscription) => {
  const item = sub.items?.data[0];
  return {
    start: isoOf(item?.current_period_start ?? sub.current_period_start),
    end: isoOf(item?.current_period_end ?? sub.current_period_end),
    priceId: item?.price?.id ?? null,
  };
};
