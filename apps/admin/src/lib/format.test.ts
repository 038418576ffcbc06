import { describe, expect, it } from 'vitest';
import { endOfUtcDay, formatDuration, formatRelative } from './format';

describe('formatDuration', () => {
  it('picks the unit a reader expects at each size', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(2_440)).toBe('2.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(192_000)).toBe('3 min 12 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(7_200_000)).toBe('2 h');
  });

  it('rounds at the unit boundaries without showing "1000 ms" or "60 s"', () => {
    expect(formatDuration(999.6)).toBe('1.0 s');
    expect(formatDuration(59_800)).toBe('1 min');
  });

  it('shows the placeholder for missing or impossible values', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined, 'n/a')).toBe('n/a');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('formatRelative', () => {
  it('speaks of the future and the past', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    expect(formatRelative('2030-01-01T15:00:00Z', now)).toBe('in 3 hours');
    expect(formatRelative('2030-01-01T11:58:00Z', now)).toBe('2 minutes ago');
    expect(formatRelative(null, now, '—')).toBe('—');
  });
});

describe('endOfUtcDay', () => {
  it('is the last second of the picked day in UTC, whatever the browser time zone', () => {
    expect(endOfUtcDay('2027-02-28')).toBe('2027-02-28T23:59:59.000Z');
    expect(Date.parse(endOfUtcDay('2027-02-28')) - Date.parse('2027-03-01T00:00:00Z')).toBe(-1000);
  });
});
