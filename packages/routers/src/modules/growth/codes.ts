import { randomBytes } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud and typed from emails. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code of `length` symbols (uniform: bytes past the largest multiple of 31 are dropped). */
export const randomCode = (length: number): string => {
  const out: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out.push(ALPHABET[byte % ALPHABET.length] ?? 'X');
    }
  }
  return out.join('');
};

export const normalizeCode = (code: string): string => code.trim().toUpperCase();

/** Far-future stand-in for "never", so that expiry is always one comparable string. */
export const NEVER = '9999-12-31T23:59:59.999Z';
