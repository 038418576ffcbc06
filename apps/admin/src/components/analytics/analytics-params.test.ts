import { describe, expect, it } from 'vitest';
import {
  type AnalyticsParams,
  parseAnalyticsParams,
  recomputeRange,
  revenueInput,
  writeAnalyticsParams,
} from './analytics-params';

const NOW = Date.parse('2026-12-06T21:40:00Z');
const parse = (query: string) => parseAnalyticsParams(new URLSearchParams(query), NOW);

describe('parseAnalyticsParams', () => {
  it('opens the last 30 UTC days, today included, with no breakdown', () => {
    expect(parse('')).toEqual({ range: '30d', from: '2026-11-07', to: '2026-12-06', breakdown: 'none' });
  });

  it('reads a preset and a breakdown', () => {
    expect(parse('range=7d&breakdown=plan')).toEqual({
      range: '7d',
      from: '2026-11-30',
      to: '2026-12-06',
      breakdown: 'plan',
    });
  });

  it('keeps a valid custom range and falls back to the default for a reversed, malformed or too long one', () => {
    expect(parse('range=custom&from=2026-01-01&to=2026-02-01')).toMatchObject({
      range: 'custom',
      from: '2026-01-01',
      to: '2026-02-01',
    });
    for (const bad of [
      'from=2026-02-01&to=2026-01-01',
      'from=2026-13-01&to=2026-02-01',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      expect(parse(`range=custom&${bad}`)).toMatchObject({ range: '30d', from: '2026-11-07' });
    }
    expect(parse('breakdown=country').breakdown).toBe('none');
  });
});

describe('writeAnalyticsParams', () => {
  it('leaves defaults out and round-trips what it writes', () => {
    expect(writeAnalyticsParams(parse(''))).toBe('');
    const custom: AnalyticsParams = {
      range: 'custom',
      from: '2026-03-02',
      to: '2026-04-01',
      breakdown: 'platform',
    };
    const query = writeAnalyticsParams(custom);
    expect(query).toBe('?range=custom&from=2026-03-02&to=2026-04-01&breakdown=platform');
    expect(parse(query.slice(1))).toEqual(custom);
  });
});

describe('recomputeRange', () => {
  it('widens the start to the Monday or the first of the month before it, and stops at today', () => {
    // 2026-11-07 is a Saturday: its week starts on Monday 2026-11-02, its month on 2026-11-01.
    expect(recomputeRange({ from: '2026-11-07', to: '2026-12-31' }, NOW)).toEqual({
      from: '2026-11-01',
      to: '2026-12-06',
    });
    // 2026-12-02 is a Wednesday: its week starts on Monday 2026-11-30, before the first of December.
    expect(recomputeRange({ from: '2026-12-02', to: '2026-12-04' }, NOW)).toEqual({
      from: '2026-11-30',
      to: '2026-12-04',
    });
  });

  it('keeps the start when widening would pass the longest range a recompute takes', () => {
    expect(recomputeRange({ from: '2024-12-07', to: '2026-12-06' }, NOW).from).toBe('2024-12-07');
  });
});

describe('revenueInput', () => {
  it('reads the whole product when the page breaks down by platform, which revenue does not', () => {
    expect(revenueInput(parse('breakdown=platform'), 'week').breakdown).toBe('none');
    expect(revenueInput(parse('breakdown=plan'), 'week').breakdown).toBe('plan');
  });
});
