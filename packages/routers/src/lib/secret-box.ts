import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

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
