import { describe, expect, it } from 'vitest';
import { type AttemptResult, createFunnelEngine, type FunnelEvent } from './funnel-engine';
import type { TFunnel } from './schema';

/** Hand-worked cases of each order; times are minutes after 2026-05-01T00:00Z. */

const T0 = Date.parse('2026-05-01T00:00:00Z');
const DAY = 20574; // 2026-05-01 as a day number
let seq = 0;
const ev = (minute: number, name: string, props: FunnelEvent['props'] = {}, userId = 'u1'): FunnelEvent => ({
  id: `e${String(seq++).padStart(4, '0')}`,
  userId,
  name,
  atMs: T0 + minute * 60_000,
  platform: name.startsWith('$') ? null : 'ios',
  appVersion: '1',
  props,
});
const step = (event: string, nth = 1, filters: TFunnel['steps'][number]['filters'] = []) => ({
  name: event,
  event,
  nth,
  filters,
});

const run = (funnel: Pick<TFunnel, 'steps' | 'order' | 'windowDays'>, events: FunnelEvent[]) => {
  const out: AttemptResult[] = [];
  const engine = createFunnelEngine(funnel, DAY, DAY + 30, (r) => out.push(r));
  for (const e of events) engine.push(e);
  engine.finish();
  return out.map((r) => ({
    day: r.entryDay - DAY,
    reached: r.reached,
    minutes: r.times.map((t) => (t - T0) / 60_000),
    platform: r.platform,
  }));
};

describe('funnel attempts', () => {
  const steps = [step('$signup'), step('dictate'), step('dictate', 5), step('$subscription')];

  it('ordered: the fifth dictation counts from the entry, other events may come between', () => {
    const events = [
      ev(0, '$signup'),
      ev(1, 'open'),
      ...[2, 3, 4, 5, 6].map((m) => ev(m, 'dictate')),
      ev(7, 'open'),
      ev(8, '$subscription'),
    ];
    expect(run({ steps, order: 'ordered', windowDays: 14 }, events)).toEqual([
      { day: 0, reached: 4, minutes: [0, 2, 6, 8], platform: 'ios' },
    ]);
  });

  it('strict: an event that is not the awaited step ends the attempt', () => {
    const events = [
      ev(0, '$signup'),
      ev(1, 'dictate'),
      ev(2, 'dictate'),
      ev(3, 'open'),
      ev(4, 'dictate'),
      ev(5, 'dictate'),
      ev(6, 'dictate'),
    ];
    expect(run({ steps, order: 'strict', windowDays: 14 }, events)).toEqual([
      { day: 0, reached: 2, minutes: [0, 1], platform: 'ios' },
    ]);
  });

  it('a step is only reached within the window, and an entry is taken once per day', () => {
    const day = 24 * 60;
    const events = [
      ev(0, '$signup'),
      ev(10, 'dictate'),
      ev(3 * day + 1, 'dictate'),
      ev(3 * day + 2, 'dictate'),
      ev(3 * day + 3, '$signup'),
    ];
    const funnel = { steps: [step('$signup'), step('dictate', 2)], order: 'ordered' as const, windowDays: 3 };
    expect(run(funnel, events)).toEqual([
      { day: 0, reached: 1, minutes: [0], platform: 'ios' },
      { day: 3, reached: 1, minutes: [3 * day + 3], platform: null },
    ]);
  });

  it('unordered: entered by any step, reached as many steps as were done, in the order done', () => {
    const funnel = {
      steps: [
        step('export'),
        step('share', 1, [{ property: 'target', operator: 'eq' as const, value: 'slack' }]),
        step('dictate', 2),
      ],
      order: 'unordered' as const,
      windowDays: 7,
    };
    const events = [
      ev(0, 'dictate'),
      ev(1, 'share', { target: 'mail' }),
      ev(2, 'dictate'),
      ev(3, 'share', { target: 'slack' }),
    ];
    // Dictations are no entry (their step needs two), and the ones before the entry do not count.
    expect(run(funnel, events)).toEqual([{ day: 0, reached: 1, minutes: [3], platform: 'ios' }]);
    const entered = [ev(0, 'share', { target: 'slack' }), ev(1, 'dictate'), ev(2, 'dictate'), ev(4, 'open')];
    expect(run(funnel, entered)).toEqual([{ day: 0, reached: 2, minutes: [0, 2], platform: 'ios' }]);
  });

  it('keeps users apart', () => {
    const funnel = { steps: [step('a'), step('b')], order: 'ordered' as const, windowDays: 1 };
    const events = [ev(0, 'a', {}, 'u1'), ev(1, 'a', {}, 'u2'), ev(2, 'b', {}, 'u2')];
    expect(run(funnel, events).map((r) => r.reached)).toEqual([2, 1]);
  });
});
