/** FNV-1a 32-bit (http://www.isthe.com/chongo/tech/comp/fnv/): offset basis and prime. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Rollout buckets: 0..9999, so a percentage with two decimals maps to a whole number of buckets. */
export const BUCKETS = 10_000;

const step = (hash: number, byte: number): number => Math.imul(hash ^ byte, FNV_PRIME);

/**
 * Continues an FNV-1a hash over the UTF-8 bytes of `text` (encoded inline: no Buffer per call), so every client
 * that hashes the UTF-8 string gets the same value. Returns an unsigned 32-bit integer.
 */
export const fnv1aContinue = (seed: number, text: string): number => {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      hash = step(hash, code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    // Lone surrogates encode as U+FFFD, as TextEncoder does.
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x800) {
      hash = step(hash, 0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      hash = step(hash, 0xe0 | (code >> 12));
      hash = step(hash, 0x80 | ((code >> 6) & 0x3f));
    } else {
      hash = step(hash, 0xf0 | (code >> 18));
      hash = step(hash, 0x80 | ((code >> 12) & 0x3f));
      hash = step(hash, 0x80 | ((code >> 6) & 0x3f));
    }
    hash = step(hash, 0x80 | (code & 0x3f));
  }
  return hash >>> 0;
};

export const fnv1a32 = (text: string): number => fnv1aContinue(FNV_OFFSET_BASIS, text);

/** The hash state after `${key}:`, so evaluating one flag for many ids hashes only the id. */
export const bucketSeed = (key: string): number => fnv1aContinue(FNV_OFFSET_BASIS, `${key}:`);

/** The rollout bucket (0..9999) of `${key}:${id}`, from a seed made by `bucketSeed(key)`. */
export const bucketFromSeed = (seed: number, id: string): number => fnv1aContinue(seed, id) % BUCKETS;

export const bucketOf = (key: string, id: string): number => bucketFromSeed(bucketSeed(key), id);

/** How many buckets a percentage (0..100, two decimals) covers; bucket < threshold is in the rollout. */
export const rolloutThreshold = (percentage: number): number =>
  Math.min(BUCKETS, Math.max(0, Math.round(percentage * 100)));
