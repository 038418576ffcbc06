import { platformsOfBits } from './digest';
import type { TBreakdown } from './schema';

/**
 * Segments a user-day falls in: `all`, one `platform:<p>` per platform seen that day (`platform:unknown` when
 * the day's activity carried none, e.g. usage records only) and `plan:<code>` for the plan at the end of the day.
 * A user active on two platforms counts once in each, so platform segments may sum to more than `all`.
 */
export const ALL = 'all';
export const UNKNOWN = 'unknown';

export const segmentKeys = (platformBits: number, plan: string): string[] => {
  const platforms = platformsOfBits(platformBits);
  return [
    ALL,
    ...(platforms.length > 0 ? platforms.map((p) => `platform:${p}`) : [`platform:${UNKNOWN}`]),
    `plan:${plan}`,
  ];
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
