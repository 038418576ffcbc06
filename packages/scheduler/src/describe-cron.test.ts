import { describe, expect, it } from 'vitest';
import { describeCron } from './describe-cron';

describe('describeCron', () => {
  it.each([
    ['* * * * *', 'Every minute'],
    ['*/5 * * * *', 'Every 5 minutes'],
    ['15 * * * *', 'Every hour at minute 15'],
    ['0 * * * *', 'Every hour'],
    ['0 */6 * * *', 'Every 6 hours'],
    ['30 */2 * * *', 'Every 2 hours at minute 30'],
    ['0 0 * * *', 'Daily at 00:00'],
    ['30 2 * * *', 'Daily at 02:30'],
    ['0 9 * * 1', 'Weekly on Monday at 09:00'],
    ['0 9 * * SUN', 'Weekly on Sunday at 09:00'],
    ['0 9 * * 1-5', 'Every weekday at 09:00'],
    ['0 3 1 * *', 'Monthly on day 1 at 03:00'],
    ['0 3 L * *', 'Monthly on the last day at 03:00'],
    ['* * * * * *', 'Every second'],
    ['*/10 * * * * *', 'Every 10 seconds'],
    ['0 * * * * *', 'Every minute'],
    ['30 * * * * *', 'Every minute at second 30'],
    ['0 */5 * * * *', 'Every 5 minutes'],
    ['15 30 2 * * *', 'Daily at 02:30:15'],
    ['0 0 12 * * *', 'Daily at 12:00'],
  ])('%s -> %s', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it.each(['0 9 * 1 *', '0 9,17 * * *', '0 9 1 * 1', 'not a cron'])('falls back to the raw %s', (cron) => {
    expect(describeCron(cron)).toBe(cron);
  });
});
