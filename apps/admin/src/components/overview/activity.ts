/** Days the activity chart covers, today (UTC) included. */
export const ACTIVITY_DAYS = 14;
export const DAY_MS = 86_400_000;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The chart's `analytics.getActiveUsers` input, for the view and the server's prefetch: the rolled-up DAU of the
 * last ACTIVITY_DAYS UTC days. `now` is the page's render time, handed from the server so that both sides ask for
 * the same days (a clock read in the browser would give another key, and another day at midnight).
 */
export const activityInput = (now: number) => ({
  from: utcDay(now - (ACTIVITY_DAYS - 1) * DAY_MS),
  to: utcDay(now),
  granularity: 'day' as const,
  breakdown: 'none' as const,
});
