/** Days the activity chart covers, today (UTC) included. */
export const ACTIVITY_DAYS = 14;
export const DAY_MS = 86_400_000;

/**
 * The chart's `audit.list` input, for the view and the server's prefetch: the latest 200 entries since the
 * start of the first UTC day shown. `now` is the page's render time, handed from the server so that both
 * sides ask for the same window (a clock read in the browser would give another key, and another day at
 * midnight).
 */
export const activityInput = (now: number) => ({
  from: new Date((Math.floor(now / DAY_MS) - ACTIVITY_DAYS + 1) * DAY_MS).toISOString(),
  limit: 200,
});
