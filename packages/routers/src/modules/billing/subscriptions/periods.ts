import type { TPlanInterval } from '../plans/schema';

/** `iso` moved forward by one interval in UTC; a month from Jan 31 lands on the last day of February. */
export const addInterval = (iso: string, interval: TPlanInterval, count = 1): string => {
  const date = new Date(iso);
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  if (interval === 'month') target.setUTCMonth(target.getUTCMonth() + count);
  else target.setUTCFullYear(target.getUTCFullYear() + count);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
};

/** The first period of `interval` that contains `nowIso`, stepping from `startIso`. */
export const rollForward = (
  startIso: string,
  endIso: string,
  interval: TPlanInterval,
  nowIso: string,
): { start: string; end: string } => {
  let start = startIso;
  let end = endIso;
  // Bounded so a corrupt date cannot spin forever; 1200 months is a century.
  for (let i = 0; i < 1200 && end <= nowIso; i += 1) {
    start = end;
    end = addInterval(start, interval);
  }
  return { start, end };
};
