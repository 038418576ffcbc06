import Stripe from 'stripe';
import { STRIPE_TEST_CONFIG } from './fake-stripe';
import type { TestHarness } from './harness';

const SECRET = STRIPE_TEST_CONFIG.stripeWebhookSecret;
let eventCounter = 0;

/**
 * A Stripe event body and a valid signature header for it (signed `ageSeconds` before the harness clock).
 * `createdSeconds` sets the event's own `created` time (default: now), for events Stripe delivers late.
 */
export const signedEvent = (
  h: TestHarness,
  type: string,
  object: Record<string, unknown>,
  ageSeconds = 0,
  createdSeconds?: number,
) => {
  eventCounter += 1;
  const payload = JSON.stringify({
    id: `evt_test_${eventCounter}`,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: createdSeconds ?? Math.floor(h.clock() / 1000),
    data: { object },
  });
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: SECRET,
    timestamp: Math.floor(h.clock() / 1000) - ageSeconds,
  });
  return { payload, header, id: `evt_test_${eventCounter}` };
};
