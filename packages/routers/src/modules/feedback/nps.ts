import { DAY_MS } from '../../lib/time';
import type { TNpsSegment, TNpsSummary } from './schema';

/** Scores 0..10: one count per score. */
export type Histogram = number[];

export const SCORES = Array.from({ length: 11 }, (_, score) => score);

export const emptyHistogram = (): Histogram => SCORES.map(() => 0);

/** 9-10 promoters, 7-8 passives, 0-6 detractors (the standard NPS bands). */
export const segmentOf = (score: number): TNpsSegment =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';

/** The score range of a segment, for queries. */
export const SEGMENT_RANGE: Record<TNpsSegment, { min: number; max: number }> = {
  detractor: { min: 0, max: 6 },
  passive: { min: 7, max: 8 },
  promoter: { min: 9, max: 10 },
};

const startOfUtcDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Monday 00:00 UTC of the ISO week holding `ms`. */
export const weekStartMs = (ms: number): number => {
  const day = startOfUtcDay(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
};

/**
 * The ISO 8601 week of an instant in UTC, as `2026-W23`. The week belongs to the year of its Thursday, and
 * that Thursday's day of the year fixes its number (week 1 holds the year's first Thursday).
 */
export const isoWeekOf = (ms: number): string => {
  const thursday = new Date(weekStartMs(ms) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  const week = Math.floor((dayOfYear - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** The `count` ISO weeks ending with the one holding `nowMs`, oldest first, with their Monday. */
export const weeksEnding = (nowMs: number, count: number): { week: string; startMs: number }[] => {
  const last = weekStartMs(nowMs);
  return Array.from({ length: count }, (_, i) => {
    const startMs = last - (count - 1 - i) * 7 * DAY_MS;
    return { week: isoWeekOf(startMs), startMs };
  });
};

/** Counts per segment and the score: % promoters − % detractors, rounded to one decimal. */
export const summarize = (histogram: readonly number[]): TNpsSummary => {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  histogram.forEach((count, score) => {
    const segment = segmentOf(score);
    if (segment === 'promoter') promoters += count;
    else if (segment === 'passive') passives += count;
    else detractors += count;
  });
  const responses = promoters + passives + detractors;
  // Integer arithmetic first, so 1/3 - 1/3 is exactly 0 and the rounding sees one division.
  const nps = responses === 0 ? null : Math.round((1000 * (promoters - detractors)) / responses) / 10;
  return { responses, promoters, passives, detractors, nps };
};

export const addHistograms = (into: Histogram, other: readonly number[]): Histogram => {
  for (const score of SCORES) into[score] = (into[score] ?? 0) + (other[score] ?? 0);
  return into;
};
