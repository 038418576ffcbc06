import { createHash } from 'node:crypto';

/**
 * A k-minimum-values sketch: the K smallest 32-bit hashes of the users seen. Exact below K users; above, the
 * K-th smallest hash estimates the count ((K-1) / its position in [0,1)) to within about 1/sqrt(K).
 */
export const SKETCH_SIZE = 128;
const SPACE = 2 ** 32;

export const userHash = (key: string): number => createHash('sha1').update(key).digest().readUInt32BE(0);

export const addToSketch = (sketch: readonly number[], hashes: readonly number[]): number[] => {
  const merged = [...new Set([...sketch, ...hashes])].sort((a, b) => a - b);
  return merged.slice(0, SKETCH_SIZE);
};

export const removeFromSketch = (sketch: readonly number[], hash: number): number[] =>
  sketch.filter((h) => h !== hash);

export const estimateUsers = (sketch: readonly number[]): number => {
  if (sketch.length < SKETCH_SIZE) return sketch.length;
  const kth = sketch[SKETCH_SIZE - 1] ?? SPACE - 1;
  return Math.round((SKETCH_SIZE - 1) / ((kth + 1) / SPACE));
};
