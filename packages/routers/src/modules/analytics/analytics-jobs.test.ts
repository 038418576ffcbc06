import { withoutSystemFields } from '@bytelyst/db/document-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProduct } from '../../testing/analytics-fixture';
import { daysFrom, loadRaw, referenceModel } from '../../testing/analytics-reference';
import { writeEvents } from '../../testing/analytics-seed';
import { eventsOf, triggerJob } from '../../testing/billing';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { TELEMETRY_CONTAINERS } from '../telemetry/containers';
import type { TelemetryEventDoc } from '../telemetry/repository';
import { ANALYTICS_CONTAINERS } from './containers';
import type { RollupDoc } from './repository';

/**
 * The rollup jobs as the runner runs them: scheduled runs re-roll the late days (and only those), re-runs change
 * nothing, a recompute rebuilds any range, and the views read rollups only.
 */

const PRODUCT = 'beta';
const FROM = '2026-03-01';
const TODAY = '2026-06-01';
const SCHEDULED = [
  'analytics-dau',
  'analytics-active',
  'analytics-revenue',
  'analytics-retention',
  'analytics-funnels',
];

type Caller = Awaited<ReturnType<typeof seedProduct>>['caller'];
let h: TestHarness;
let caller: Caller;

const recompute = async (from: string, to: string) => {
  await caller.analytics.triggerRecompute({ from, to });
  await h.services.jobRunner.whenIdle();
  expect((await caller.analytics.getRecompute()).recompute?.status).toBe('succeeded');
};

/** Every rollup of the product, without the time it was written. */
const snapshot = async () => {
  const out: Record<string, unknown>[] = [];
  let continuation: string | null = null;
  do {
    const page = await h.store.container<RollupDoc>(ANALYTICS_CONTAINERS.rollups.name).query({
      where: { productId: { eq: PRODUCT } },
      limit: 1000,
      ...(continuation ? { continuation } : {}),
    });
    for (const doc of page.items) {
      const { rolledUpAt: _r, ...rest } = withoutSystemFields(doc);
      out.push(rest);
    }
    continuation = page.continuation;
  } while (continuation);
  return out.sort((a, b) => `${a.metric}${a.id}`.localeCompare(`${b.metric}${b.id}`));
};

const dauOf = async (from: string, to: string) =>
  (await caller.analytics.getActiveUsers({ from, to })).series[0]?.points.map((p) => p.dau);

beforeAll(async () => {
  h = await createTestHarness();
  ({ caller } = await seedProduct(h, PRODUCT, { users: 60, seed: 5 }));
}, 120_000);
afterAll(async () => h.close());

describe('scheduled rollups', () => {
  it('roll the recent days on their own, exact for the days they cover', async () => {
    for (const job of SCHEDULED) expect((await triggerJob(h, job)).status, job).toBe('succeeded');
    const model = referenceModel(await loadRaw(h.store, PRODUCT), { features: [] });
    const days = daysFrom('2026-05-27', TODAY);
    // analytics-active re-rolls yesterday and the 3 late days before it; analytics-dau today and yesterday.
    expect(await dauOf('2026-05-27', TODAY)).toEqual([
      null,
      ...days.slice(1).map((d) => model.dau('all', d)),
    ]);
    const revenue = await caller.analytics.getRevenue({ from: '2026-05-28', to: TODAY, granularity: 'day' });
    expect(revenue.series[0]?.points.length).toBe(5);
    expect(
      (await caller.analytics.getFunnel({ from: '2026-05-10', to: TODAY })).series[0]?.steps[0]?.count,
    ).toBeGreaterThan(0);
  });

  it('are idempotent: re-running a recompute or the schedule leaves every rollup as it was', async () => {
    await recompute(FROM, TODAY);
    const first = await snapshot();
    expect(first.length).toBeGreaterThan(500);
    await recompute(FROM, TODAY);
    expect(await snapshot()).toEqual(first);
    for (const job of SCHEDULED) await triggerJob(h, job);
    expect(await snapshot()).toEqual(first);
  });

  it('pick up events that arrive up to lateDays late; a recompute picks up older ones', async () => {
    const before = referenceModel(await loadRaw(h.store, PRODUCT), { features: [] });
    const idle = (day: string) =>
      before.users.find((u) => !before.isActive(u, day) && before.planOn(u, day) !== 'none') as string;
    const late = (userId: string, at: string): TelemetryEventDoc => ({
      id: `late-${userId}-${at}`,
      productId: PRODUCT,
      name: 'app.open',
      level: 'info',
      at,
      receivedAt: new Date(h.clock()).toISOString(),
      userId,
      sessionId: null,
      deviceId: null,
      platform: 'linux',
      appVersion: '1.0.0',
      osVersion: null,
      message: null,
      stack: null,
      props: {},
      fingerprint: null,
    });
    const twoDays = idle('2026-05-30');
    const sixDays = idle('2026-05-26');
    await writeEvents(h.store, PRODUCT, [
      late(twoDays, '2026-05-30T10:00:00.000Z'),
      late(sixDays, '2026-05-26T10:00:00.000Z'),
    ]);
    const stale = await dauOf('2026-05-26', '2026-05-26');
    for (const job of SCHEDULED) await triggerJob(h, job);

    const after = referenceModel(await loadRaw(h.store, PRODUCT), { features: [] });
    expect(after.dau('all', '2026-05-30')).toBe(before.dau('all', '2026-05-30') + 1);
    expect(await dauOf('2026-05-28', TODAY)).toEqual(
      daysFrom('2026-05-28', TODAY).map((d) => after.dau('all', d)),
    );
    const wau = await caller.analytics.getActiveUsers({ from: TODAY, to: TODAY, breakdown: 'platform' });
    // The two-day-late user counts in today's WAU on linux; the six-day-late one not until a recompute.
    const linuxWau = async () =>
      (await caller.analytics.getActiveUsers({ from: TODAY, to: TODAY, breakdown: 'platform' })).series.find(
        (s) => s.segment === 'linux',
      )?.points[0]?.wau;
    expect(wau.series.find((s) => s.segment === 'linux')?.points[0]?.wau).toBe(1);
    // Six days late is past lateDays (3): the schedule leaves that day alone.
    expect(await dauOf('2026-05-26', '2026-05-26')).toEqual(stale);
    await recompute('2026-05-20', TODAY);
    expect(await dauOf('2026-05-26', '2026-05-26')).toEqual([after.dau('all', '2026-05-26')]);
    expect(after.dau('all', '2026-05-26')).toBe((stale?.[0] ?? 0) + 1);
    expect(await linuxWau()).toBe(after.wau('platform:linux', TODAY));
    expect(after.wau('platform:linux', TODAY)).toBe(2);
  });
});

describe('definitions', () => {
  it('count only the events the product says, once the range is recomputed', async () => {
    await caller.analytics.setActivity({ telemetry: ['dictation.*'], usage: 'none', lateDays: 3 });
    await recompute(FROM, TODAY);
    const model = referenceModel(await loadRaw(h.store, PRODUCT), {
      features: [],
      activeEvent: (name) => name.startsWith('dictation.'),
      usage: false,
    });
    const view = await caller.analytics.getActiveUsers({ from: '2026-05-01', to: TODAY });
    expect(view.series[0]?.points.map((p) => [p.dau, p.mau])).toEqual(
      daysFrom('2026-05-01', TODAY).map((d) => [model.dau('all', d), model.mau('all', d)]),
    );
    const changed = await eventsOf(h, 'analytics.definitions_changed', PRODUCT);
    expect(changed.map((e) => e.data)).toContainEqual({ part: 'activity', funnelId: null, deleted: false });
    expect((await eventsOf(h, 'analytics.recompute_finished', PRODUCT)).length).toBeGreaterThanOrEqual(3);
    await caller.analytics.setActivity({ telemetry: 'any', usage: 'any', lateDays: 3 });
  });

  it('mark funnel rollups of an earlier version stale until the range is recomputed', async () => {
    const { funnels } = await caller.analytics.getDefinitions();
    const current = funnels.find((f) => f.id === 'default');
    expect(current).toBeDefined();
    await caller.analytics.setFunnel({ ...(current as NonNullable<typeof current>), windowDays: 7 });
    const stale = await caller.analytics.getFunnel({ from: FROM, to: TODAY });
    expect(stale.stale).toBe(true);
    expect(stale.series[0]?.steps[0]?.count ?? 0).toBe(0);
    await recompute(FROM, TODAY);
    const fresh = await caller.analytics.getFunnel({ from: FROM, to: TODAY });
    expect(fresh.stale).toBe(false);
    expect(fresh.funnel.windowDays).toBe(7);
    expect(fresh.series[0]?.steps[0]?.count).toBeGreaterThan(10);
  });
});

describe('erasure', () => {
  it('takes an erased user out of the rollups that name users; aggregates keep their figures', async () => {
    const rollups = h.store.container<RollupDoc>(ANALYTICS_CONTAINERS.rollups.name);
    const naming = async (userId: string) =>
      (
        await rollups.query({
          where: { productId: { eq: PRODUCT }, users: { contains: userId } },
          limit: 1000,
        })
      ).items.length;
    const shards = async () =>
      (
        await rollups.query({
          where: { productId: { eq: PRODUCT }, metric: { eq: 'first-active' } },
          limit: 100,
        })
      ).items;
    const userId = 'u0000';
    expect(await naming(userId)).toBeGreaterThan(3);
    expect((await shards()).some((doc) => userId in (doc.users as Record<string, string>))).toBe(true);
    const before = await caller.analytics.getActiveUsers({ from: FROM, to: TODAY });
    await caller.telemetry.erase({ userId });
    await h.services.bus.drain();
    expect(await naming(userId)).toBe(0);
    expect((await shards()).some((doc) => userId in (doc.users as Record<string, string>))).toBe(false);
    expect(await caller.analytics.getActiveUsers({ from: FROM, to: TODAY })).toEqual(before);
  });
});

describe('views', () => {
  it('read rollups only: with every raw event gone they answer the same', async () => {
    const input = { from: FROM, to: TODAY, breakdown: 'platform' as const };
    const views = async () => [
      await caller.analytics.getActiveUsers(input),
      await caller.analytics.getRetention(input),
      await caller.analytics.getFunnel(input),
      await caller.analytics.getAdoption(input),
      await caller.analytics.getRevenue({ ...input, breakdown: 'plan' }),
    ];
    const before = await views();
    const events = h.store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);
    const page = await events.query({ partitionKey: PRODUCT, limit: 1000 });
    expect(page.items.length).toBeGreaterThan(100);
    for (;;) {
      const next = await events.query({ partitionKey: PRODUCT, limit: 100 });
      if (next.items.length === 0) break;
      await events.batch(
        PRODUCT,
        next.items.map((doc) => ({ op: 'delete' as const, id: doc.id })),
      );
    }
    expect(await views()).toEqual(before);
    expect(before.every((view) => view.rolledUpAt !== null)).toBe(true);
  });

  it('give each view as CSV: a header and one row per segment and period', async () => {
    const input = { from: '2026-05-01', to: TODAY, breakdown: 'plan' as const };
    const active = await caller.analytics.getActiveUsers(input);
    const csv = await caller.analytics.getCsv({ view: 'active-users', ...input });
    const lines = csv.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('segment,period,window,dau,wau,mau,active,stickiness');
    expect(lines.length).toBe(1 + active.series.reduce((n, s) => n + s.points.length, 0));
    const first = active.series[0]?.points[0];
    expect(lines[1]).toBe(
      `${active.series[0]?.segment},${first?.period},rolling,${first?.dau},${first?.wau},${first?.mau},,${first?.stickiness ?? ''}`,
    );
    expect(csv.filename).toBe(`analytics-active-users-${PRODUCT}-2026-05-01-${TODAY}.csv`);
    const range = { from: '2026-05-01', to: TODAY };
    const rows = async (view: 'retention' | 'funnel' | 'adoption' | 'revenue') =>
      (await caller.analytics.getCsv({ view, ...range })).csv.trimEnd().split('\r\n').length - 1;
    const retention = await caller.analytics.getRetention(range);
    expect(await rows('retention')).toBe(retention.series[0]?.cohorts.length);
    const funnel = await caller.analytics.getFunnel(range);
    expect(await rows('funnel')).toBe(funnel.series[0]?.steps.length);
    const adoption = await caller.analytics.getAdoption(range);
    expect(await rows('adoption')).toBe((adoption.series[0]?.points.length ?? 0) * adoption.features.length);
    const revenue = await caller.analytics.getRevenue({ ...range, granularity: 'day' });
    expect(await rows('revenue')).toBe(revenue.series[0]?.points.length);
  });
});
