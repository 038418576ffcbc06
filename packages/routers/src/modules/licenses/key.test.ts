import { describe, expect, it } from 'vitest';
import { generateLicenseKey, KEY_ALPHABET, keyHint, parseLicenseKey } from './key';

const FORMAT = /^BLST(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}){4}$/;

describe('license keys', () => {
  it('generates well-formed keys that parse to themselves', () => {
    for (let i = 0; i < 200; i += 1) {
      const key = generateLicenseKey();
      expect(key).toMatch(FORMAT);
      expect(parseLicenseKey(key)).toBe(key);
    }
  });

  it('forgives case, spaces and missing dashes', () => {
    const key = generateLicenseKey();
    expect(parseLicenseKey(` ${key.toLowerCase()} `)).toBe(key);
    expect(parseLicenseKey(key.replace(/-/g, ''))).toBe(key);
    expect(parseLicenseKey(key.slice(5).replace(/-/g, ' '))).toBe(key);
  });

  it('catches every single wrong symbol and every swap of neighbours', () => {
    const key = generateLicenseKey();
    const symbols = key.slice(5).replace(/-/g, '');
    const rebuilt = (s: string) => `BLST-${s.match(/.{5}/g)?.join('-')}`;
    for (let i = 0; i < symbols.length; i += 1) {
      for (const replacement of KEY_ALPHABET) {
        if (replacement === symbols[i]) continue;
        const typo = symbols.slice(0, i) + replacement + symbols.slice(i + 1);
        expect(() => parseLicenseKey(rebuilt(typo))).toThrow(/check symbols do not match/);
      }
      // Swaps inside the random part; one across the check symbols may collide (about 1 in 961).
      if (i + 1 < 18 && symbols[i] !== symbols[i + 1]) {
        const swapped = symbols.slice(0, i) + symbols[i + 1] + symbols[i] + symbols.slice(i + 2);
        expect(() => parseLicenseKey(rebuilt(swapped))).toThrow(/check symbols do not match/);
      }
    }
  });

  it('names symbols that are never used and wrong lengths', () => {
    const key = generateLicenseKey();
    expect(() => parseLicenseKey(`${key.slice(0, -1)}O`)).toThrow(
      /contains 'O', which license keys never use/,
    );
    expect(() => parseLicenseKey(key.slice(0, -2))).toThrow(/has 20 symbols after BLST- \(this one has 18\)/);
    expect(() => parseLicenseKey('')).toThrow(/this one has 0/);
  });

  it('shows only the first group and the last four symbols', () => {
    const key = generateLicenseKey();
    expect(keyHint(key)).toEqual({ keyPrefix: key.slice(0, 10), keySuffix: key.slice(-4) });
  });
});
