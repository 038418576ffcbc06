import { randomInt } from 'node:crypto';
import { AppError } from '../../app-error';
import { sha256 } from '../../lib/crypto';

/**
 * License keys look like `BLST-K7QMX-4TRWE-9HCNP-ZD2FA`: 18 random symbols and 2 check symbols from an
 * alphabet of 31 that leaves out 0/O, 1/I/L (read aloud or typed from a sticker, they get confused). 31 is
 * prime, so the first check symbol (a position-weighted sum mod 31) catches every single wrong symbol and every
 * swap of neighbours; the second (weights 3^i, 3 being a primitive root mod 31) catches most other slips.
 */
export const KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const KEY_PREFIX = 'BLST';
const BODY = 18;
const GROUP = 5;
const BASE = KEY_ALPHABET.length;

const symbolValue = (symbol: string) => KEY_ALPHABET.indexOf(symbol);

const checkSymbols = (body: string): string => {
  let first = 0;
  let second = 0;
  let weight = 1;
  for (let i = 0; i < body.length; i += 1) {
    const v = symbolValue(body.charAt(i));
    first = (first + (i + 1) * v) % BASE;
    second = (second + weight * v) % BASE;
    weight = (weight * 3) % BASE;
  }
  return KEY_ALPHABET.charAt(first) + KEY_ALPHABET.charAt(second);
};

const grouped = (symbols: string) => {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return [KEY_PREFIX, ...groups].join('-');
};

/** A new key, drawn from the crypto RNG. */
export const generateLicenseKey = (): string => {
  let body = '';
  for (let i = 0; i < BODY; i += 1) body += KEY_ALPHABET.charAt(randomInt(BASE));
  return grouped(body + checkSymbols(body));
};

const invalid = (message: string) =>
  new AppError('BAD_REQUEST', message, { fields: [{ path: 'key', message }] });

/**
 * The canonical form of a typed key (case, spaces and dashes forgiven), or a 400 saying what is wrong. Runs
 * before any store read, so a typo costs nothing and never looks like an unknown key.
 */
export const parseLicenseKey = (input: string): string => {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const symbols = compact.startsWith(KEY_PREFIX) ? compact.slice(KEY_PREFIX.length) : compact;
  const wrong = [...new Set([...symbols].filter((symbol) => symbolValue(symbol) < 0))];
  if (wrong.length > 0) {
    throw invalid(
      `The license key contains ${wrong.map((s) => `'${s}'`).join(', ')}, which license keys never use ` +
        '(no 0, 1, I, L or O): check it for a typo',
    );
  }
  if (symbols.length !== BODY + 2) {
    throw invalid(
      `A license key has ${BODY + 2} symbols after ${KEY_PREFIX}- (this one has ${symbols.length})`,
    );
  }
  const body = symbols.slice(0, BODY);
  if (checkSymbols(body) !== symbols.slice(BODY)) {
    throw invalid("The license key's check symbols do not match: check it for a typo");
  }
  return grouped(symbols);
};

export const hashLicenseKey = (canonical: string) => sha256(canonical);

/** What may be shown of a key after generation: its first group and last four symbols. */
export const keyHint = (canonical: string) => ({
  keyPrefix: canonical.slice(0, KEY_PREFIX.length + 1 + GROUP),
  keySuffix: canonical.slice(-4),
});
