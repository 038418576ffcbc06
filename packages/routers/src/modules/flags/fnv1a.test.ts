import { describe, expect, it } from 'vitest';
import { bucketOf, fnv1a32, rolloutThreshold } from './fnv1a';

/** The byte-wise reference: FNV-1a over `Buffer.from(text, 'utf8')`. */
const reference = (text: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
};

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['b', 0xe70c2de5],
    ['foobar', 0xbf9cf968],
    ['chongo was here!\n', 0xd49930d5],
  ])('matches the published test vector for %j', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    for (const text of ['é', 'ü-user', '日本語', '🚀flag', 'a\u{10FFFF}z', 'x\uD800y']) {
      expect(fnv1a32(text), text).toBe(reference(text));
    }
  });

  it('buckets key:id into 0..9999', () => {
    expect(bucketOf('new-editor', 'user-1')).toBe(reference('new-editor:user-1') % 10_000);
    for (let i = 0; i < 1000; i++) {
      const b = bucketOf('k', `u${i}`);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(10_000);
    }
  });

  it('maps percentages with two decimals to whole buckets', () => {
    expect(rolloutThreshold(0)).toBe(0);
    expect(rolloutThreshold(0.01)).toBe(1);
    expect(rolloutThreshold(33.33)).toBe(3333);
    expect(rolloutThreshold(100)).toBe(10_000);
  });
});
