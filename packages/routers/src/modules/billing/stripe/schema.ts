import { z } from 'zod';

export const ZPaymentStatus = z.enum(['succeeded', 'failed']);

/** One Stripe invoice's payment state; id = the invoice id, so every event about it lands on one document. */
export const ZPayment = z.object({
  id: z.string(),
  productId: z.string(),
  userId: z.string(),
  /** Minor units (cents): amount paid on success, amount due on failure. */
  amount: z.number().int(),
  currency: z.string(),
  status: ZPaymentStatus,
  /** Stripe's attempt count for the invoice (1 on the first try). */
  attemptCount: z.number().int().min(0),
  stripeCustomerId: z.string().nullable(),
  stripeSubscriptionId: z.string().nullable(),
  /** The Stripe event that wrote this state last. */
  lastEventId: z.string(),
  at: z.string(),
  createdAt: z.string(),
});
export type TPayment = z.infer<typeof ZPayment>;

export const ZPaymentListInput = z.object({
  userId: z.string().trim().min(1).max(128),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});
export const ZPaymentListOutput = z.object({ items: z.array(ZPayment), nextCursor: z.string().nullable() });

export const ZPortalSessionInput = z.object({ returnUrl: z.string().url().max(2000).optional() }).optional();
export const ZPortalSessionOutput = z.object({ url: z.string().url() });

/** What the webhook answers Stripe. */
export type TWebhookResult = { received: true; duplicate: boolean; outcome: string };

/** The idempotency record of one applied Stripe event (id = Stripe event id). */
export type TStripeEventDoc = { id: string; type: string; receivedAt: string; outcome: string };
