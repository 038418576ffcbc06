import { Webhook } from 'standardwebhooks';
import type { Received } from './webhook-receiver';

/**
 * Verifies a request a test receiver got the way an integrator's code does, with the `standardwebhooks`
 * package (what Svix's libraries implement): returns the parsed payload, throws when no signature matches or
 * the timestamp is more than 5 minutes from now. For tests outside this package (the API's), which do not
 * depend on `standardwebhooks` themselves.
 */
export const verifyStandardWebhook = (secret: string, req: Received): unknown =>
  new Webhook(secret).verify(req.body, {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  });
