import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { isoWeekOf, segmentOf, summarize, weeksEnding } from './nps';
import type { TFeedbackPlatform } from './schema';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The reference ISO week, written the other common way: move to the Thursday of the date's week (Sunday is
 * day 7), then count weeks from January 1st of that Thursday's year.
 */
const referenceWeek = (ms: number): string => {
  const date = new Date(ms);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const dow = new Date(midnight).getUTCDay() || 7;
  const thursday = new Date(midnight + (4 - dow) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** A seeded generator (mulberry32), so the data set is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** NPS by definition, in floating point: share of promoters minus share of detractors, in percent. */
const referenceNps = (scores: readonly number[]) => {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (promoters / scores.length) * 100 - (detractors / scores.length) * 100;
};

describe('NPS arithmetic', () => {
  it('numbers ISO weeks as the calendar does, across year boundaries (values from Python isocalendar)', () => {
    const known: [string, string][] = [
      ['2020-12-31', '2020-W53'],
      ['2021-01-03', '2020-W53'],
      ['2021-01-04', '2021-W01'],
      ['2024-12-29', '2024-W52'],
      ['2024-12-30', '2025-W01'],
      ['2026-01-01', '2026-W01'],
      ['2027-01-01', '2026-W53'],
      ['2027-01-03', '2026-W53'],
      ['2027-01-04', '2027-W01'],
      ['2026-05-31', '2026-W22'],
      ['2026-06-01', '2026-W23'],
      ['2010-01-03', '2009-W53'],
    ];
    for (const [day, week] of known) {
      expect(isoWeekOf(Date.parse(`${day}T00:00:00Z`)), day).toBe(week);
      expect(isoWeekOf(Date.parse(`${day}T23:59:59.999Z`)), day).toBe(week);
    }
    // Every day of 2000-2040 against the reference.
    for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2041, 0, 1); ms += DAY) {
      if (isoWeekOf(ms + 13 * 3_600_000) !== referenceWeek(ms)) {
        throw new Error(`${new Date(ms).toISOString()}: ${isoWeekOf(ms)} vs ${referenceWeek(ms)}`);
      }
    }
    const weeks = weeksEnding(Date.parse('2027-01-06T10:00:00Z'), 3).map((w) => w.week);
    expect(weeks).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('bands scores and computes % promoters − % detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(segmentOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    // 3 promoters, 1 passive, 2 detractors of 6: 50 % − 33.3 % = 16.7.
    expect(summarize([1, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1])).toEqual({
      responses: 6,
      promoters: 3,
      passives: 1,
      detractors: 2,
      nps: 16.7,
    });
    expect(summarize(new Array(11).fill(0)).nps).toBeNull();
    expect(summarize([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]).nps).toBe(100);
    expect(summarize([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).nps).toBe(-100);
    expect(summarize([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).nps).toBe(0);
  });
});

describe('NPS dashboard', () => {
  let h: TestHarness;
  type Answer = { at: number; score: number; platform: TFeedbackPlatform; comment?: string; id: string };
  const answers: Answer[] = [];
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await h.signIn(['user']));
    const random = seeded(20260601);
    const platforms: TFeedbackPlatform[] = ['ios', 'android', 'web'];
    for (let i = 0; i < 240; i++) {
      h.advance(Math.floor(random() * 8 * 3_600_000));
      const score = Math.floor(random() * 11);
      const platform = platforms[Math.floor(random() * platforms.length)] ?? 'ios';
      const comment = random() < 0.3 ? `comment ${i}` : undefined;
      const user = users[i % users.length];
      if (!user) throw new Error('no user');
      const sent = await user.caller.feedback.create({
        type: 'nps_survey',
        platform,
        score,
        ...(comment ? { comment } : {}),
      });
      answers.push({ at: h.clock(), score, platform, id: sent.id, ...(comment ? { comment } : {}) });
    }
    // 240 submissions: seconds on the Cosmos-compatible server.
  }, 120_000);
  afterAll(async () => h.close());

  const byWeek = (rows: readonly Answer[]) => {
    const out = new Map<string, number[]>();
    for (const a of rows) out.set(referenceWeek(a.at), [...(out.get(referenceWeek(a.at)) ?? []), a.score]);
    return out;
  };

  it('matches an independent computation week by week, in the histogram and per platform', async () => {
    const weeks = 12;
    const stats = await admin.caller.feedback.stats({ weeks });
    expect(stats.weeks).toHaveLength(weeks);
    const expected = byWeek(answers);
    // The data spans several weeks, all inside the range asked for.
    expect(expected.size).toBeGreaterThanOrEqual(6);
    expect([...expected.keys()].every((w) => stats.weeks.some((row) => row.week === w))).toBe(true);
    for (const row of stats.weeks) {
      const scores = expected.get(row.week) ?? [];
      expect(row.responses, row.week).toBe(scores.length);
      const nps = referenceNps(scores);
      if (nps === null) expect(row.nps).toBeNull();
      else expect(Math.abs((row.nps ?? Number.NaN) - nps), row.week).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(row.promoters).toBe(scores.filter((s) => s >= 9).length);
      expect(row.detractors).toBe(scores.filter((s) => s <= 6).length);
      expect(new Date(row.start).getUTCDay()).toBe(1);
    }
    expect(stats.total.responses).toBe(answers.length);
    expect(
      Math.abs((stats.total.nps ?? Number.NaN) - (referenceNps(answers.map((a) => a.score)) ?? 0)),
    ).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(stats.histogram).toEqual(
      Array.from({ length: 11 }, (_, score) => ({
        score,
        count: answers.filter((a) => a.score === score).length,
      })),
    );
    for (const row of stats.byPlatform) {
      const scores = answers.filter((a) => a.platform === row.platform).map((a) => a.score);
      expect(row.responses).toBe(scores.length);
      expect(Math.abs((row.nps ?? Number.NaN) - (referenceNps(scores) ?? 0))).toBeLessThanOrEqual(
        0.05 + 1e-9,
      );
    }
    expect(stats.byPlatform.map((row) => row.platform).sort()).toEqual(['android', 'ios', 'web']);
  });

  it('filters by platform and shows the latest comments of each segment', async () => {
    const stats = await admin.caller.feedback.stats({ weeks: 12, platform: 'android' });
    const android = answers.filter((a) => a.platform === 'android');
    expect(stats.total.responses).toBe(android.length);
    expect(stats.byPlatform.map((row) => row.platform)).toEqual(['android']);
    for (const segment of ['promoter', 'passive', 'detractor'] as const) {
      const latest = android
        .filter((a) => a.comment !== undefined && segmentOf(a.score) === segment)
        .sort((a, b) => b.at - a.at)
        .slice(0, 5)
        .map((a) => a.id);
      expect(latest.length).toBeGreaterThan(0);
      expect(stats.comments[segment].map((c) => c.id)).toEqual(latest);
    }
  });

  it('counts only the weeks asked for: a short range leaves older answers out', async () => {
    const stats = await admin.caller.feedback.stats({ weeks: 2 });
    const kept = new Set(stats.weeks.map((row) => row.week));
    expect(stats.total.responses).toBe(answers.filter((a) => kept.has(referenceWeek(a.at))).length);
    expect(stats.total.responses).toBeLessThan(answers.length);
    expect(stats.from).toBe(stats.weeks[0]?.start);
  });

  it('keeps the weekly rollup exact under concurrent answers', async () => {
    h.advance(7 * DAY);
    const voters = [];
    for (let i = 0; i < 20; i++) voters.push(await h.signIn(['user']));
    await Promise.all(
      voters.map((v, i) => v.caller.feedback.create({ type: 'nps_survey', platform: 'web', score: i % 11 })),
    );
    const stats = await admin.caller.feedback.stats({ weeks: 1 });
    expect(stats.weeks[0]?.responses).toBe(20);
    expect(stats.histogram.map((b) => b.count)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
  });
});
