import { platformsOfBits } from './digest';
import type { TBreakdown } from './schema';

/**
 * Segments a user-day falls in: `all`, one `platform:<p>` per platform seen that day (`platform:unknown` when
 * the day's activity carried none, e.g. usage records only) and `plan:<code>` for the plan at the end of the day.
 * A user active on two platforms counts once in each, so platform segments may sum to more than `all`.
 */
export const ALL = 'all';
export const UNKNOWN = 'unknown';

/**
 * The key lists already built, by plan and platform bits: a rollup asks for one per active user and day, and
 * handing out the same list (and the same strings) keeps that from allocating and re-hashing every time.
 */
const KEYS = new Map<string, (readonly string[])[]>();

export const segmentKeys = (platformBits: number, plan: string): readonly string[] => {
  let byBits = KEYS.get(plan);
  if (!byBits) {
    byBits = [];
    KEYS.set(plan, byBits);
  }
  let keys = byBits[platformBits];
  if (!keys) {
    const platforms = platformsOfBits(platformBits);
    keys = Object.freeze([
      ALL,
      ...(platforms.length > 0 ? platforms.map((p) => `platform:${p}`) : [`platform:${UNKNOWN}`]),
      `plan:${plan}`,
    ]);
    byBits[platformBits] = keys;
  }
  return keys;
};

/** The segments a breakdown shows, as `[segment key, label]`, from the keys present in the data. */
export const segmentsFor = (breakdown: TBreakdown, present: Iterable<string>): [string, string][] => {
  if (breakdown === 'none') return [[ALL, ALL]];
  const prefix = `${breakdown}:`;
  return [...new Set(present)]
    .filter((key) => key.startsWith(prefix))
    .sort()
    .map((key) => [key, key.slice(prefix.length)]);
};
