import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random URL-safe id (no '.' so ids can be joined with dots in refresh tokens). */
export const randomId = (bytes = 16): string => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!@#%';

/** A random password of `length` characters drawn uniformly from a 62-symbol alphabet. */
export const randomPassword = (length = 24): string => {
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: reject the tail so every symbol is equally likely.
      if (byte < 248 && out.length < length) out.push(PASSWORD_ALPHABET[byte % 62] ?? 'x');
    }
  }
  return out.join('');
};
