import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets kept in the store (SSO client secrets, webhook signing secrets) are sealed with AES-256-GCM under a
 * key derived (HKDF-SHA256) from ENCRYPTION_KEY. Each sealed value names what it belongs to (`context`, e.g.
 * `sso:lysnrai:provider-id`) as associated data, so a value copied onto another record does not open.
 * Format: `v1.<iv>.<ciphertext+tag>`, base64url.
 */
export type SecretBox = {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws when the value was altered, sealed for another context or under another key. */
  open(sealed: string, context: string): string;
};

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const createSecretBox = (encryptionKey: string): SecretBox => {
  if (encryptionKey.length < 32) throw new TypeError('the encryption key must be at least 32 characters');
  const key = Buffer.from(hkdfSync('sha256', encryptionKey, 'bytelyst', 'secret-box:v1', 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, ivText, bodyText] = sealed.split('.');
      if (version !== VERSION || !ivText || !bodyText) throw new Error('not a sealed secret');
      const body = Buffer.from(bodyText, 'base64url');
      if (body.length < TAG_BYTES) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
};

/** The key `createServices` seals under: ENCRYPTION_KEY, or one derived from the JWT secret when none is set. */
export const encryptionKeyOf = (config: { encryptionKey?: string | undefined; jwtSecret: string }): string =>
  config.encryptionKey ?? createHmac('sha256', config.jwtSecret).update('bytelyst:encryption').digest('hex');

/**
 * Several keys at once, for values that must survive a key rotation (the secrets module): each sealed value
 * names the key it was sealed under (`keyId`, a fingerprint that reveals nothing of the key), `seal` uses the
 * first (current) key and `open` any key of the ring. Format: `v2.<keyId>.<iv>.<ciphertext+tag>`.
 */
export type SecretKeyring = {
  /** The id of the key new values are sealed under. */
  readonly currentKeyId: string;
  /** Every key id the ring can open, current first. */
  readonly keyIds: readonly string[];
  seal(plaintext: string, context: string): { sealed: string; keyId: string };
  /** The plaintext; throws when the value was altered, sealed for another context or under a key not in the ring. */
  open(sealed: string, context: string): string;
};

const keyIdOf = (key: string) =>
  createHmac('sha256', Buffer.from(hkdfSync('sha256', key, 'bytelyst', 'secret-keyring:id', 32)))
    .update('key-id')
    .digest('hex')
    .slice(0, 16);

export const createSecretKeyring = (keys: readonly string[]): SecretKeyring => {
  const [current] = keys;
  if (current === undefined) throw new TypeError('a keyring needs at least one key');
  const boxes = new Map(keys.map((key) => [keyIdOf(key), createSecretBox(key)] as const));
  const currentKeyId = keyIdOf(current);
  return {
    currentKeyId,
    keyIds: [...boxes.keys()],
    seal(plaintext, context) {
      const box = boxes.get(currentKeyId);
      if (!box) throw new Error('no current key');
      const inner = box.seal(plaintext, `${currentKeyId}:${context}`).slice(VERSION.length + 1);
      return { sealed: `v2.${currentKeyId}.${inner}`, keyId: currentKeyId };
    },
    open(sealed, context) {
      const [version, keyId, ...rest] = sealed.split('.');
      if (version !== 'v2' || !keyId || rest.length !== 2) throw new Error('not a sealed secret');
      const box = boxes.get(keyId);
      if (!box) throw new Error(`the key ${keyId} is not in the keyring`);
      return box.open(`${VERSION}.${rest.join('.')}`, `${keyId}:${context}`);
    },
  };
};
