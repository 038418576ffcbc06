import { describe, expect, it } from 'vitest';
import { inQuietHours, localTime, nextLocalHour } from './local-time';

describe('local time', () => {
  it('reads the wall clock of a zone', () => {
    expect(localTime(Date.parse('2026-06-02T14:30:00Z'), 'Asia/Tokyo')).toEqual({
      day: '2026-06-02',
      hour: 23,
      minute: 30,
    });
    expect(localTime(Date.parse('2026-06-02T02:00:00Z'), 'America/Los_Angeles').day).toBe('2026-06-01');
  });

  it('knows quiet hours that wrap midnight and those that do not', () => {
    const night = { start: 22, end: 8 };
    expect(inQuietHours(Date.parse('2026-06-02T13:00:00Z'), 'Asia/Tokyo', night)).toBe(true); // 22:00
    expect(inQuietHours(Date.parse('2026-06-02T22:59:00Z'), 'Asia/Tokyo', night)).toBe(true); // 07:59
    expect(inQuietHours(Date.parse('2026-06-02T23:00:00Z'), 'Asia/Tokyo', night)).toBe(false); // 08:00
    expect(inQuietHours(Date.parse('2026-06-02T13:00:00Z'), 'UTC', { start: 12, end: 14 })).toBe(true);
    expect(inQuietHours(Date.parse('2026-06-02T14:00:00Z'), 'UTC', { start: 12, end: 14 })).toBe(false);
  });

  it('finds the next local hour, across a daylight-saving change', () => {
    expect(new Date(nextLocalHour(Date.parse('2026-06-02T14:00:00Z'), 'Asia/Tokyo', 8)).toISOString()).toBe(
      '2026-06-02T23:00:00.000Z',
    );
    // Berlin springs forward on 2026-03-29 at 02:00: 08:00 that morning is 06:00 UTC, not 07:00.
    expect(
      new Date(nextLocalHour(Date.parse('2026-03-28T22:00:00Z'), 'Europe/Berlin', 8)).toISOString(),
    ).toBe('2026-03-29T06:00:00.000Z');
    // And falls back on 2026-10-25: 08:00 is 07:00 UTC.
    expect(
      new Date(nextLocalHour(Date.parse('2026-10-24T21:00:00Z'), 'Europe/Berlin', 8)).toISOString(),
    ).toBe('2026-10-25T07:00:00.000Z');
    // Already at the hour: the next day's.
    expect(new Date(nextLocalHour(Date.parse('2026-06-02T08:00:00Z'), 'UTC', 8)).toISOString()).toBe(
      '2026-06-03T08:00:00.000Z',
    );
  });
});
