import { afterEach, describe, expect, it } from 'vitest';
import { createSchedule } from './schedule';
import { planSlots } from './slot-plan';
import { createJobsTestKit, iso, type JobsTestKit } from './testing/test-kit';

const at = (text: string) => Date.parse(text);
const isoList = (list: number[]) => list.map(iso);

describe('schedule slots across time zones and DST', () => {
  it('daily 02:30 in New York: the missing time on spring-forward runs at 03:00 EDT, fall-back runs once', () => {
    const s = createSchedule('30 2 * * *', 'America/New_York');
    expect(isoList(s.nextN(3, at('2026-03-07T12:00:00Z')))).toEqual([
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist on 8 March: first valid time after the gap
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
    expect(isoList(s.nextN(3, at('2026-10-31T12:00:00Z')))).toEqual([
      '2026-11-01T07:30:00.000Z', // 02:30 EST, after the repeated hour
      '2026-11-02T07:30:00.000Z',
      '2026-11-03T07:30:00.000Z',
    ]);
  });

  it('a fixed-time job in the repeated hour runs once, at the first occurrence', () => {
    const s = createSchedule('30 1 * * *', 'America/New_York');
    expect(isoList(s.nextN(2, at('2026-10-31T12:00:00Z')))).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) does not run again
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('hourly in London across the October change runs every real hour, including the repeated one', () => {
    const s = createSchedule('0 * * * *', 'Europe/London');
    expect(isoList(s.nextN(5, at('2026-10-24T23:30:00Z')))).toEqual([
      '2026-10-25T00:00:00.000Z', // 01:00 BST
      '2026-10-25T01:00:00.000Z', // 01:00 GMT, the repeated hour
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
      '2026-10-25T04:00:00.000Z',
    ]);
  });

  it('a seconds field gives sub-minute slots; a 6-field cron is read with seconds first', () => {
    const s = createSchedule('*/15 * * * * *', 'UTC');
    expect(isoList(s.nextN(3, at('2026-06-01T12:00:00.500Z')))).toEqual([
      '2026-06-01T12:00:15.000Z',
      '2026-06-01T12:00:30.000Z',
      '2026-06-01T12:00:45.000Z',
    ]);
    expect(isoList(s.previousN(2, at('2026-06-01T12:00:30.000Z')))).toEqual([
      '2026-06-01T12:00:00.000Z',
      '2026-06-01T12:00:15.000Z',
    ]);
  });
});

describe('planSlots', () => {
  const s = createSchedule('0 * * * *', 'UTC');
  const base = { lastSlotAt: at('2026-06-01T00:30:00Z'), graceMs: 120_000, maxCatchUp: 3 };
  const plan = (now: string, policy: 'skip' | 'once' | 'all') =>
    planSlots(s, { ...base, now: at(now), policy });

  it('runs the on-time slot and counts the missed ones under each policy', () => {
    const slots = (p: ReturnType<typeof plan>) => p.run.map((r) => `${r.trigger}@${iso(r.slotAt)}`);
    expect(slots(plan('2026-06-01T06:01:00Z', 'once'))).toEqual([
      'catch_up@2026-06-01T05:00:00.000Z',
      'schedule@2026-06-01T06:00:00.000Z',
    ]);
    expect(slots(plan('2026-06-01T06:01:00Z', 'all'))).toEqual([
      'catch_up@2026-06-01T03:00:00.000Z',
      'catch_up@2026-06-01T04:00:00.000Z',
      'catch_up@2026-06-01T05:00:00.000Z',
      'schedule@2026-06-01T06:00:00.000Z',
    ]);
    const skip = plan('2026-06-01T06:01:00Z', 'skip');
    expect(slots(skip)).toEqual(['schedule@2026-06-01T06:00:00.000Z']);
    expect([skip.missed, iso(skip.skippedAt ?? 0)]).toEqual([5, '2026-06-01T05:00:00.000Z']);
  });

  it('treats a slot exactly at now - grace as on time and one just before as missed', () => {
    expect(plan('2026-06-01T01:02:00Z', 'skip')).toMatchObject({ missed: 0, run: [{ trigger: 'schedule' }] });
    expect(plan('2026-06-01T01:02:00.001Z', 'skip')).toMatchObject({ missed: 1, run: [] });
  });
});

describe('runner ticks across DST', () => {
  const kits: JobsTestKit[] = [];
  afterEach(async () => {
    for (const kit of kits.splice(0)) await kit.close();
  });

  /** Ticks every 30 minutes from `start` to `end` and returns the slots the job ran for. */
  const runWindow = async (start: string, end: string) => {
    const kit = await createJobsTestKit(start);
    kits.push(kit);
    const seen: (string | null)[] = [];
    const registry = kit.registryOf({
      name: 'ny-daily',
      cron: '30 2 * * *',
      timezone: 'America/New_York',
      run: async (ctx) => {
        seen.push(ctx.slotAt);
        return undefined;
      },
    });
    const runner = kit.newRunner(registry, { tickIntervalMs: 30 * 60_000 });
    while (kit.clock() < at(end)) {
      await runner.tick();
      await runner.whenIdle();
      kit.advance(30 * 60_000);
    }
    const runs = await kit.runs();
    expect(runs.map((r) => [r.status, r.trigger])).toEqual(seen.map(() => ['succeeded', 'schedule']));
    return seen;
  };

  it('runs a daily 02:30 New York job at the exact instants over both 2026 changes', async () => {
    expect(await runWindow('2026-03-07T00:00:00.000Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(await runWindow('2026-10-31T00:00:00.000Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-31T06:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
      '2026-11-02T07:30:00.000Z',
    ]);
  });
});
