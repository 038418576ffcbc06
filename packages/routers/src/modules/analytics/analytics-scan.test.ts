import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, seedProduct } from '../../testing/analytics-fixture';
import { mulberry32, writeEvents } from '../../testing/analytics-seed';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { TelemetryEventDoc } from '../telemetry/repository';
import { dayNumber, isoMs, periodsOf } from './days';
import { createDayDigest, createUserIndex, digestRules, loadDigests, writeDigest } from './digest';
import { createFunnelEngine, type FunnelEvent } from './funnel-engine';
import { median, medianOf } from './read-rollups';
import { createAnalyticsRepository } from './repository';
import { createSources } from './sources';

/**
 * The paths the rollups take for speed, each against the plain way: instants read by hand, raw events paged by
 * seeking, day digests in typed arrays, stale digest chunks found by a key range, funnel users by index, and a
 * run whose later steps reuse the digests the scan wrote instead of reading them back.
 */

let h: TestHarness;
beforeAll(async () => {
  h = await createTestHarness();
}, 120_000);
afterAll(async () => h.close());

const DAY = 86_400_000;

describe('isoMs', () => {
  it('reads every toISOString instant as Date.parse does, and leaves every other shape to it', () => {
    const rand = mulberry32(7);
    const min = Date.parse('1000-01-01T00:00:00.000Z');
    const max = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 20_000; i++) {
      const s = new Date(min + Math.floor(rand() * (max - min))).toISOString();
      expect(isoMs(s)).toBe(Date.parse(s));
    }
    for (const s of [
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-06-01T24:00:00.000Z',
      '2026-06-01T12:00:00Z',
      '2026-06-01T12:00:00.000+02:00',
      '2026-06-01',
      '0050-01-01T00:00:00.000Z',
      '+012345-01-01T00:00:00.000Z',
      '2026-0a-01T00:00:00.000Z',
      'not a date at all, 24 ch',
    ]) {
      expect(Object.is(isoMs(s), Date.parse(s)), s).toBe(true);
    }
  });
});

/**
 * The two cases that write, read and delete thousands of documents: on the Cosmos-compatible server every batch and
 * page is an HTTP round trip, which on a loaded machine takes them near the default 30 s.
 */
const COSMOS_HEAVY_MS = 120_000;

describe('raw events', () => {
  const P = 'paging';
  const T0 = Date.parse('2026-05-01T00:00:00.000Z');
  const event = (id: string, atMs: number, userId: string | null): TelemetryEventDoc => ({
    id,
    productId: P,
    name: 'app.open',
    level: 'info',
    at: new Date(atMs).toISOString(),
    receivedAt: new Date(atMs).toISOString(),
    userId,
    sessionId: null,
    deviceId: null,
    platform: 'ios',
    appVersion: '1.0.0',
    osVersion: null,
    message: null,
    stack: null,
    props: {},
    fingerprint: null,
  });

  it(
    'come once each, in time then id order, across pages and a page-sized crowd at one instant',
    async () => {
      const rand = mulberry32(3);
      const docs: TelemetryEventDoc[] = [];
      // 1,200 events at one instant (more than a page), 1,300 spread over two days, some at the range's edges.
      for (let i = 0; i < 1200; i++)
        docs.push(event(`c${String((i * 7919) % 1200).padStart(4, '0')}`, T0 + DAY, `u${i % 9}`));
      for (let i = 0; i < 1300; i++) {
        const atMs = T0 + Math.floor(rand() * 2 * DAY);
        docs.push(event(`s${String(i).padStart(4, '0')}`, atMs, i % 50 === 0 ? null : `u${i % 11}`));
      }
      docs.push(event('edge-from', T0, 'u1'), event('edge-to', T0 + 2 * DAY, 'u1'));
      await writeEvents(h.store, P, docs);
      const byId = new Map(docs.map((d) => [d.id, d]));
      const read: string[] = [];
      let pages = 0;
      for await (const page of createSources(h.store).events(P, T0, T0 + 2 * DAY)) {
        pages++;
        for (const e of page) {
          expect([e.atMs, e.userId]).toEqual([Date.parse(byId.get(e.id)?.at ?? ''), byId.get(e.id)?.userId]);
          read.push(e.id);
        }
      }
      const expected = docs
        .filter((d) => d.userId !== null && d.at < new Date(T0 + 2 * DAY).toISOString())
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
        .map((d) => d.id);
      expect(pages).toBeGreaterThan(2);
      expect(read).toEqual(expected);
      expect(read).toContain('edge-from');
      expect(read).not.toContain('edge-to');
    },
    COSMOS_HEAVY_MS,
  );
});

describe('day digests', () => {
  const rules = digestRules({ telemetry: ['app.*'], usage: ['dictation.minutes'], lateDays: 3 }, [
    { id: 'export', name: 'Export', events: ['export.pdf'] },
  ]);

  it('hold a day of users in typed arrays, chunks sorted by id, and start empty the next day', () => {
    const index = createUserIndex();
    const zed = index.of('zed');
    for (let i = 0; i < 3000; i++) index.of(`u${String(i).padStart(4, '0')}`);
    // Past the arrays' first size, so they grow.
    const amy = index.of('amy');
    const digest = createDayDigest(rules, index);
    digest.addEvent(zed, 'app.open', 'ios');
    digest.addEvent(zed, 'app.close', 'web');
    digest.addEvent(amy, 'export.pdf', 'ios');
    digest.addEvent(index.of('u0002'), 'settings.open', 'ios');
    digest.addUsage(index.of('u0500'), 'dictation.minutes');
    digest.addUsage(amy, 'storage.bytes');
    const first = digest.take(20_000);
    expect([...first.digest.users]).toEqual([zed, index.of('u0500'), amy]);
    expect([...first.digest.active]).toEqual([1, 1, 0]);
    expect([...first.digest.platforms]).toEqual([1 | (1 << 5), 0, 0]);
    expect([...first.digest.features]).toEqual([0, 0, 1]);
    expect(first.chunks).toEqual([
      {
        day: '2024-10-04',
        chunk: 0,
        chunks: 1,
        featureIds: ['export'],
        users: ['amy', 'u0500', 'zed'],
        active: [0, 1, 1],
        platforms: [0, 0, 1 | (1 << 5)],
        features: [1, 0, 0],
      },
    ]);
    const next = digest.take(20_001);
    expect(next.digest.users).toHaveLength(0);
    expect(next.chunks.map((c) => c.users)).toEqual([[]]);
  });

  it('drop the chunks a larger earlier run of the day left, and only those', async () => {
    const repo = createAnalyticsRepository(h.store);
    const chunk = (n: number, of: number, user: string) => ({
      day: '2026-05-10',
      chunk: n,
      chunks: of,
      featureIds: [],
      users: [user],
      active: [1],
      platforms: [1],
      features: [0],
    });
    await writeDigest(repo, h.clock, 'digests', [chunk(0, 3, 'a'), chunk(1, 3, 'b'), chunk(2, 3, 'c')]);
    const day = dayNumber('2026-05-10');
    const before = await loadDigests(repo, 'digests', day, day, createUserIndex());
    expect(before.get(day)?.users).toHaveLength(3);
    await writeDigest(repo, h.clock, 'digests', [chunk(0, 1, 'd')]);
    const index = createUserIndex();
    const after = await loadDigests(repo, 'digests', day, day, index);
    expect([...(after.get(day)?.users ?? [])].map((u) => index.name(u))).toEqual(['d']);
  });
});

describe('funnel users by index', () => {
  it('give the same attempts as the engine indexing user ids itself', () => {
    const rand = mulberry32(11);
    const names = ['$signup', 'open', 'dictate', 'dictate', 'share', '$subscription'];
    const events: FunnelEvent[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `e${String(i).padStart(5, '0')}`,
      userId: `u${Math.floor(rand() * 40)}`,
      name: names[Math.floor(rand() * names.length)] as string,
      atMs: Date.parse('2026-05-01T00:00:00Z') + i * 600_000,
      platform: rand() < 0.5 ? 'ios' : 'web',
      appVersion: '1',
      props: { target: rand() < 0.5 ? 'slack' : 'mail' },
    }));
    const step = (event: string, nth = 1) => ({ name: event, event, nth, filters: [] });
    for (const order of ['ordered', 'strict', 'unordered'] as const) {
      const funnel = {
        order,
        windowDays: 3,
        steps: [
          step(order === 'unordered' ? 'share' : '$signup'),
          step('dictate', 2),
          { ...step('share'), filters: [{ property: 'target', operator: 'eq' as const, value: 'slack' }] },
        ],
      };
      const day = dayNumber('2026-05-01');
      const own: unknown[] = [];
      const given: unknown[] = [];
      const a = createFunnelEngine(funnel, day, day + 30, (r) => own.push(r));
      const b = createFunnelEngine(funnel, day, day + 30, (r) => given.push(r));
      const index = createUserIndex();
      for (const e of events) {
        a.push(e);
        b.push(e, index.of(e.userId));
      }
      a.finish();
      b.finish();
      const key = (r: unknown) => JSON.stringify(r);
      expect(own.length).toBeGreaterThan(20);
      expect(given.map(key).sort()).toEqual(own.map(key).sort());
    }
  });
});

describe('medians of a funnel view', () => {
  it('by selection over several lists equal the sorted median of them joined', () => {
    const rand = mulberry32(5);
    expect(medianOf([])).toBeNull();
    expect(medianOf([[], []])).toBeNull();
    for (let round = 0; round < 400; round++) {
      const lists = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
        Array.from({ length: Math.floor(rand() * (round < 200 ? 6 : 300)) }, () =>
          // Few distinct values in some rounds: ties around the middle.
          round % 3 === 0 ? Math.floor(rand() * 4) : Math.floor(rand() * 1e7),
        ),
      );
      expect(medianOf(lists)).toBe(median(lists.flat()));
    }
  });
});

describe('a rollup run', () => {
  it(
    'gives the same active-user and retention rollups from the scan it holds as from the store',
    async () => {
      const P = 'acme';
      const { caller } = await seedProduct(h, P, { users: 40, seed: 5 });
      await caller.analytics.setFeatures({ features: FEATURES });
      const { rollups, definitions } = h.services.analytics;
      const defs = await definitions.get(P);
      const today = rollups.today();
      const from = dayNumber('2026-03-01');
      const repo = createAnalyticsRepository(h.store);
      const snapshot = async () => {
        const out: Record<string, unknown> = {};
        for (const metric of ['active', 'active-calendar', 'adoption', 'retention']) {
          for (const period of periodsOf(from - 31, today)) {
            for (const doc of await repo.rollups.range(P, metric, period, '', '~')) {
              const { _etag, _ts, rolledUpAt, ...rest } = doc;
              out[`${metric}/${doc.id}`] = rest;
            }
          }
        }
        return out;
      };
      const run = await rollups.scan(P, defs, from, today, { digests: true, funnels: true });
      await rollups.active(P, defs, from, today, run);
      await rollups.retention(P, defs, from, today, run);
      const fromRun = await snapshot();
      expect(Object.keys(fromRun).length).toBeGreaterThan(300);
      // Clear them, then roll the same steps with nothing held: the digests come back from the store.
      for (const [key] of Object.entries(fromRun)) {
        const [metric, id] = key.split('/') as [string, string];
        const doc = fromRun[key] as { period: string };
        await repo.rollups.delete(P, metric, doc.period, [id]);
      }
      expect(Object.keys(await snapshot())).toHaveLength(0);
      await rollups.active(P, defs, from, today);
      await rollups.retention(P, defs, from, today);
      expect(await snapshot()).toEqual(fromRun);
    },
    COSMOS_HEAVY_MS,
  );
});
