import { describe, expect, it } from 'vitest';
import { stateTotals, uptimeOf, worstOfDay } from './uptime';

const M = 60_000;

/** The rule on hand-made timelines: exact minutes in, exact uptime out. */
describe('uptime rule', () => {
  it('counts major outage fully, partial outage at 30 %, degraded as up', () => {
    const totals = stateTotals({
      fromMs: 0,
      toMs: 100 * M,
      checks: [
        { monitorId: 'a', atMs: 0, status: 'up' },
        { monitorId: 'b', atMs: 0, status: 'up' },
        // One of two down: partial, 20 min.
        { monitorId: 'a', atMs: 10 * M, status: 'down' },
        // Both down: major, 10 min.
        { monitorId: 'b', atMs: 30 * M, status: 'down' },
        { monitorId: 'a', atMs: 40 * M, status: 'degraded' },
        { monitorId: 'b', atMs: 40 * M, status: 'up' },
        // Degraded until 60, then up.
        { monitorId: 'a', atMs: 60 * M, status: 'up' },
      ],
      impacts: [],
      maintenance: [],
    });
    expect(totals).toEqual({
      observedMs: 100 * M,
      maintenanceMs: 0,
      majorMs: 10 * M,
      partialMs: 20 * M,
      degradedMs: 20 * M,
    });
    expect(uptimeOf(totals)).toBeCloseTo(1 - (10 + 0.3 * 20) / 100, 12);
    expect(worstOfDay(totals)).toBe('major_outage');
  });

  it('leaves maintenance out of the denominator, even when the monitors fail during it', () => {
    const totals = stateTotals({
      fromMs: 0,
      toMs: 60 * M,
      checks: [
        { monitorId: 'a', atMs: 0, status: 'up' },
        { monitorId: 'a', atMs: 20 * M, status: 'down' },
        { monitorId: 'a', atMs: 50 * M, status: 'up' },
      ],
      impacts: [],
      maintenance: [{ startMs: 15 * M, endMs: 45 * M }],
    });
    // Down 20..50, of which 20..45 is maintenance: 5 minutes down out of 60 - 30.
    expect(totals).toMatchObject({ maintenanceMs: 30 * M, majorMs: 5 * M });
    expect(uptimeOf(totals)).toBeCloseTo(1 - 5 / 30, 12);
    expect(uptimeOf({ ...totals, maintenanceMs: totals.observedMs })).toBeNull();
  });

  it('takes the worst of monitors and open incidents, and the state a monitor entered the window with', () => {
    const totals = stateTotals({
      fromMs: 100 * M,
      toMs: 160 * M,
      // Down since before the window, up at 120.
      checks: [
        { monitorId: 'a', atMs: 90 * M, status: 'down' },
        { monitorId: 'a', atMs: 120 * M, status: 'up' },
      ],
      // An incident marks it partial from 110 to 150 (resolved), then nothing.
      impacts: [
        { incidentId: 'i', atMs: 110 * M, impact: 'partial_outage' },
        { incidentId: 'i', atMs: 150 * M, impact: null },
      ],
      maintenance: [],
    });
    expect(totals).toMatchObject({ observedMs: 60 * M, majorMs: 20 * M, partialMs: 30 * M, degradedMs: 0 });
  });

  it('counts retrying checks as up: only the rewrite to down (when the outage is confirmed) counts them', () => {
    const flapping = stateTotals({
      fromMs: 0,
      toMs: 10 * M,
      checks: [
        { monitorId: 'a', atMs: 0, status: 'pending' },
        { monitorId: 'a', atMs: 1 * M, status: 'pending' },
        { monitorId: 'a', atMs: 2 * M, status: 'up' },
      ],
      impacts: [],
      maintenance: [],
    });
    expect(uptimeOf(flapping)).toBe(1);
    const confirmed = stateTotals({
      fromMs: 0,
      toMs: 10 * M,
      checks: [
        { monitorId: 'a', atMs: 0, status: 'down' },
        { monitorId: 'a', atMs: 1 * M, status: 'down' },
        { monitorId: 'a', atMs: 2 * M, status: 'down' },
        { monitorId: 'a', atMs: 5 * M, status: 'up' },
      ],
      impacts: [],
      maintenance: [],
    });
    expect(uptimeOf(confirmed)).toBeCloseTo(0.5, 12);
  });
});
