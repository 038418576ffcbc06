import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Message signing per the Standard Webhooks specification (the scheme Svix uses), so a receiver that already
 * verifies Standard Webhooks or Svix signatures verifies ours unchanged: `webhook-id`, `webhook-timestamp`
 * (Unix seconds) and `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` over
 * `${id}.${timestamp}.${body}` keyed by the secret's base64-decoded bytes. While a rotated secret is still
 * honoured, a message carries one signature per secret, and a receiver holding either one accepts it.
 */

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Random bytes in a new secret; the specification asks for 24 to 64. */
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export const generateWebhookSecret = (): string =>
  `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

/** Whether `value` is a secret this module can sign with (prefix and 24 to 64 bytes of base64). */
export const isWebhookSecret = (value: string): boolean => {
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const body = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  const bytes = Buffer.from(body, 'base64').length;
  return bytes >= 24 && bytes <= 64;
};

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * The headers of one delivery attempt of message `id`: signed with every secret in `secrets` (the current one
 * first; during a rotation also the previous one). `body` is the exact text sent.
 */
export const signWebhook = (message: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders => {
  if (message.secrets.length === 0) throw new TypeError('at least one secret is needed to sign');
  const signatures = message.secrets.map((secret) => {
    if (!isWebhookSecret(secret))
      throw new TypeError('not a webhook secret (whsec_ + base64 of 24-64 bytes)');
    return new Webhook(secret.slice(WEBHOOK_SECRET_PREFIX.length)).sign(
      message.id,
      message.timestamp,
      message.body,
    );
  });
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
};
