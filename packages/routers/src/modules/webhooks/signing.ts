import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

/**
 * Message signing per the Standard Webhooks specification (the scheme Svix uses), so a receiver that already
 * verifies Standard Webhooks or Svix signatures verifies ours unchanged, plus the roadmap's simpler headers.
 * Every message carries:
 *
 * - `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`: a space-separated list with one
 *   entry per secret, the current one first. For a shared secret (`whsec_` + base64 of 24 to 64 bytes) the
 *   entry is `v1,<base64 HMAC-SHA256>` over `${id}.${timestamp}.${body}` keyed by the secret's decoded bytes.
 *   For an asymmetric signing key (`whsk_` + base64 of a 64-byte ed25519 secret key: 32-byte seed, then the
 *   32-byte public key, as libsodium stores it) the entry is `v1a,<base64 ed25519 signature>` over the same
 *   text; the receiver holds only the public key (`whpk_` + base64 of its 32 bytes), which cannot sign.
 * - `x-webhook-timestamp` (the same Unix seconds) and `x-webhook-signature: sha256=<hex HMAC-SHA256>` over
 *   `${timestamp}.${body}`, keyed by the same decoded `whsec_` bytes. During a rotation it holds one
 *   `sha256=` value per `whsec_` secret, separated by ", " (`sha256=<current>, sha256=<previous>`), and a
 *   receiver accepts the message when any value matches. An endpoint signed only with `whsk_` keys has no
 *   shared secret, so `x-webhook-signature` is left out (`x-webhook-timestamp` is still sent).
 *
 * A receiver of either scheme recomputes the signature over the raw body it received, compares in constant
 * time, and rejects a message whose timestamp is more than 5 minutes from its own clock (either way), which
 * stops a captured message from being replayed later. While a rotated secret is still honoured, a message
 * carries one signature per secret, so a receiver holding either one accepts it.
 */

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_SIGNING_KEY_PREFIX = 'whsk_';
export const WEBHOOK_PUBLIC_KEY_PREFIX = 'whpk_';

/** Random bytes in a new secret; the specification asks for 24 to 64. */
const SECRET_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export const generateWebhookSecret = (): string =>
  `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

const secretBytes = (value: string): Buffer | undefined => {
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return undefined;
  const body = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64');
  return bytes.length >= 24 && bytes.length <= 64 ? bytes : undefined;
};

/** Whether `value` is a secret this module can sign with (prefix and 24 to 64 bytes of base64). */
export const isWebhookSecret = (value: string): boolean => secretBytes(value) !== undefined;

/** PKCS#8 wrapping of a raw 32-byte ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const rawPublicKey = (key: KeyObject): Buffer => {
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  return Buffer.from(x ?? '', 'base64url');
};

/** Decoded signing keys, so that a busy endpoint does not re-import its key for every message. */
const signingKeys = new Map<string, { privateKey: KeyObject; publicKey: Buffer }>();
const SIGNING_KEY_CACHE = 1024;

const decodeSigningKey = (value: string) => {
  const cached = signingKeys.get(value);
  if (cached) return cached;
  if (!value.startsWith(WEBHOOK_SIGNING_KEY_PREFIX)) return undefined;
  const body = value.slice(WEBHOOK_SIGNING_KEY_PREFIX.length);
  if (!BASE64.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length !== 64) return undefined;
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, bytes.subarray(0, 32)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = rawPublicKey(privateKey);
  // The second half must be the seed's own public key, or the receiver's key would not verify.
  if (!publicKey.equals(bytes.subarray(32))) return undefined;
  if (signingKeys.size >= SIGNING_KEY_CACHE) signingKeys.clear();
  const decoded = { privateKey, publicKey };
  signingKeys.set(value, decoded);
  return decoded;
};

/**
 * A new asymmetric (`v1a`) key pair: `secret` (`whsk_`) stays with us and signs; `publicKey` (`whpk_`) is
 * what the receiver is shown and verifies with.
 */
export const generateWebhookSigningKey = (): { secret: string; publicKey: string } => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { d, x } = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(d ?? '', 'base64url');
  const publicKey = Buffer.from(x ?? '', 'base64url');
  return {
    secret: `${WEBHOOK_SIGNING_KEY_PREFIX}${Buffer.concat([seed, publicKey]).toString('base64')}`,
    publicKey: `${WEBHOOK_PUBLIC_KEY_PREFIX}${publicKey.toString('base64')}`,
  };
};

/** Whether `value` is a `whsk_` signing key (64 bytes whose second half is the first half's public key). */
export const isWebhookSigningKey = (value: string): boolean => decodeSigningKey(value) !== undefined;

/** The `whpk_` public key a receiver verifies `v1a` signatures with. */
export const publicKeyOf = (signingKey: string): string => {
  const decoded = decodeSigningKey(signingKey);
  if (!decoded) throw new TypeError('not a webhook signing key (whsk_ + base64 of 64 bytes)');
  return `${WEBHOOK_PUBLIC_KEY_PREFIX}${decoded.publicKey.toString('base64')}`;
};

/** Every header that signs one delivery attempt, with lower-case names, ready to send. */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'x-webhook-timestamp': string;
  /** Absent when every secret is a `whsk_` key (no shared secret to key an HMAC with). */
  'x-webhook-signature'?: string;
};

/**
 * The headers of one delivery attempt of message `id`: signed with every secret in `secrets` (the current one
 * first; during a rotation also the previous one), each a `whsec_` secret or a `whsk_` signing key. `body`
 * is the exact text sent.
 */
export const signWebhook = (message: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders => {
  if (message.secrets.length === 0) throw new TypeError('at least one secret is needed to sign');
  const timestamp = String(Math.floor(message.timestamp.getTime() / 1000));
  const content = Buffer.from(`${message.id}.${timestamp}.${message.body}`);
  const signatures: string[] = [];
  const roadmap: string[] = [];
  for (const secret of message.secrets) {
    const shared = secretBytes(secret);
    if (shared) {
      signatures.push(`v1,${createHmac('sha256', shared).update(content).digest('base64')}`);
      const hex = createHmac('sha256', shared).update(`${timestamp}.${message.body}`).digest('hex');
      roadmap.push(`sha256=${hex}`);
      continue;
    }
    const signing = decodeSigningKey(secret);
    if (!signing) {
      throw new TypeError(
        'not a webhook secret (whsec_ + base64 of 24-64 bytes) or signing key (whsk_ + base64 of 64 bytes)',
      );
    }
    signatures.push(`v1a,${sign(null, content, signing.privateKey).toString('base64')}`);
  }
  return {
    'webhook-id': message.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
    'x-webhook-timestamp': timestamp,
    ...(roadmap.length > 0 ? { 'x-webhook-signature': roadmap.join(', ') } : {}),
  };
};
