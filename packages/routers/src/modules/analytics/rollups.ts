import type { Clock } from '@bytelyst/db/document-store';
import { DAY_MS } from '../../lib/time';
import { type DaySegments, segmentDay, writeActive } from './active-rollup';
import { type BillingTimeline, loadBillingTimeline } from './billing-timeline';
import { dayNumberOf, dayString, monthStart, nextMonthStart } from './days';
import { createDayDigest, createUserIndex, digestRules, loadDigests, writeDigest } from './digest';
import { loadFirstActive, updateFirstActive } from './first-active';
import type { FunnelEvent } from './funnel-engine';
import { createFunnelCollector, writeFunnels } from './funnel-rollup';
import type { AnalyticsRepository, DefinitionsDoc } from './repository';
import { computeRetention, writeRetention } from './retention-rollup';
import { computeRevenue, writeRevenue } from './revenue-rollup';
import { segmentKeys } from './segments';
import type { Sources, UsageRecord } from './sources';

/**
 * The rollup steps, each idempotent (deterministic ids, upserts) and each reading only what it needs: the scan
 * streams raw events once, in time order, into the day digests and the funnels; every other step reads digests
 * or subscriptions. Days are day numbers (days.ts); `today` is the clock's UTC day.
 */

/** Cohorts recomputed by a scheduled retention run (their "or later" figures move with every new day). */
export const RETENTION_LOOKBACK_DAYS = 90;
/** Revenue days before a range that are rolled with it, so a period's start MRR is always there. */
const REVENUE_LEAD_DAYS = 31;

export type Progress = (phase: string, done: number) => Promise<void> | void;

/** Usage records ordered by day, handed out day by day beside the event stream. */
const usageByDay = (pages: AsyncGenerator<UsageRecord[]>) => {
  let buffer: UsageRecord[] = [];
  let pos = 0;
  let finished = false;
  const fill = async () => {
    while (pos >= buffer.length && !finished) {
      const next = await pages.next();
      if (next.done) finished = true;
      else {
        buffer = next.value;
        pos = 0;
      }
    }
  };
  return async (day: string): Promise<UsageRecord[]> => {
    const out: UsageRecord[] = [];
    for (;;) {
      await fill();
      const record = buffer[pos];
      if (!record || record.day > day) return out;
      if (record.day === day) out.push(record);
      pos++;
    }
  };
};

/** Built-in events of [fromMs, toMs), sorted: `$signup` at each sign-up, `$subscription` when paying starts. */
const virtualEvents = async (
  sources: Sources,
  productId: string,
  timeline: BillingTimeline,
  fromMs: number,
  toMs: number,
): Promise<FunnelEvent[]> => {
  const out: FunnelEvent[] = [];
  const base = { platform: null, appVersion: '', props: {} };
  for await (const page of sources.signups(productId)) {
    for (const signup of page) {
      if (signup.atMs >= fromMs && signup.atMs < toMs) {
        out.push({
          ...base,
          id: `$signup:${signup.userId}`,
          userId: signup.userId,
          name: '$signup',
          atMs: signup.atMs,
        });
      }
    }
  }
  for (const [userId] of timeline.states) {
    for (const atMs of timeline.payingStarts(userId)) {
      if (atMs >= fromMs && atMs < toMs) {
        out.push({ ...base, id: `$subscription:${userId}:${atMs}`, userId, name: '$subscription', atMs });
      }
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

export const createRollups = (deps: { repo: AnalyticsRepository; sources: Sources; clock: Clock }) => {
  const { repo, sources, clock } = deps;
  const today = () => dayNumberOf(clock());

  /**
   * One pass over the raw events of [from, …): the digests of the days [from, to] when `digests`, and the
   * attempts of the funnels entered on [from, to] (events read up to the longest conversion window after `to`).
   */
  const scan = async (
    productId: string,
    defs: DefinitionsDoc,
    from: number,
    to: number,
    options: { digests: boolean; funnels: boolean; progress?: Progress },
  ) => {
    const timeline = await loadBillingTimeline(sources, productId);
    const funnels = options.funnels ? defs.funnels : [];
    const maxWindow = Math.max(0, ...funnels.map((f) => f.windowDays));
    const eventsTo = Math.min(to + 1 + (funnels.length > 0 ? maxWindow : 0), today() + 1);
    const collectors = funnels.map((funnel) => createFunnelCollector(funnel, from, to, timeline));
    const virtual =
      collectors.length > 0
        ? await virtualEvents(sources, productId, timeline, from * DAY_MS, eventsTo * DAY_MS)
        : [];
    let v = 0;
    const rules = digestRules(defs.activity, defs.features);
    const usage = usageByDay(sources.usage(productId, dayString(from), dayString(to)));
    const firsts = new Map<string, number>();
    let current = from;
    let digest = createDayDigest(rules);
    const flush = async () => {
      for (const record of await usage(dayString(current))) digest.addUsage(record);
      const chunks = digest.chunks(dayString(current));
      for (const chunk of chunks) {
        for (const [i, userId] of chunk.users.entries()) {
          if (chunk.active[i] === 1 && !firsts.has(userId)) firsts.set(userId, current);
        }
      }
      await writeDigest(repo, clock, productId, chunks);
      await options.progress?.('scan', current - from + 1);
      current += 1;
      digest = createDayDigest(rules);
    };
    const pushFunnels = (event: FunnelEvent) => {
      for (const collector of collectors) collector.push(event);
    };
    const end = options.digests ? to : from - 1;
    for await (const page of sources.events(productId, from * DAY_MS, eventsTo * DAY_MS)) {
      for (const event of page) {
        while (v < virtual.length && (virtual[v] as FunnelEvent).atMs <= event.atMs) {
          const next = virtual[v] as FunnelEvent;
          if (next.atMs === event.atMs && next.id > event.id) break;
          pushFunnels(next);
          v++;
        }
        pushFunnels(event);
        if (!options.digests) continue;
        const day = dayNumberOf(event.atMs);
        if (day > end) continue;
        while (day > current) await flush();
        digest.addEvent(event);
      }
    }
    while (v < virtual.length) pushFunnels(virtual[v++] as FunnelEvent);
    if (options.digests) while (current <= end) await flush();
    if (options.digests) await updateFirstActive(repo, clock, productId, firsts);
    for (const collector of collectors) await writeFunnels(repo, clock, productId, collector.docs());
    return timeline;
  };

  /** Segments of the digest days [from, to] that exist. */
  const segmentedDays = async (
    productId: string,
    defs: DefinitionsDoc,
    timeline: BillingTimeline,
    from: number,
    to: number,
  ) => {
    const index = createUserIndex();
    const digests = await loadDigests(repo, productId, from, to, index);
    const days = new Map<number, DaySegments>();
    for (const [n, digest] of digests) days.set(n, segmentDay(digest, index, timeline, defs.features));
    return { index, days };
  };

  /** DAU/WAU/MAU of the days whose windows include [from, to], and the calendar and adoption buckets of it. */
  const active = async (
    productId: string,
    defs: DefinitionsDoc,
    from: number,
    to: number,
    timeline?: BillingTimeline,
  ) => {
    const t = timeline ?? (await loadBillingTimeline(sources, productId));
    const last = Math.min(to + 29, today());
    const loadFrom = Math.min(from - 29, monthStart(from));
    const loadTo = Math.min(Math.max(last, nextMonthStart(to) - 1), today());
    const { index, days } = await segmentedDays(productId, defs, t, loadFrom, loadTo);
    await writeActive({
      repo,
      clock,
      productId,
      days,
      userCount: index.size,
      features: defs.features,
      from,
      to: last,
      today: today(),
    });
  };

  /** Cohorts of [from, to], counted up to yesterday (the last complete day). */
  const retention = async (
    productId: string,
    defs: DefinitionsDoc,
    from: number,
    to: number,
    timeline?: BillingTimeline,
  ) => {
    const t = timeline ?? (await loadBillingTimeline(sources, productId));
    const asOf = today() - 1;
    const loadFrom = Math.min(from, from - ((from + 3) % 7));
    const { index, days } = await segmentedDays(productId, defs, t, loadFrom, Math.max(asOf, to));
    for await (const page of sources.signups(productId)) for (const s of page) index.of(s.userId);
    const firsts = await loadFirstActive(repo, productId);
    for (const userId of firsts.keys()) index.of(userId);
    const signupDay = new Int32Array(index.size).fill(-1);
    for await (const page of sources.signups(productId)) {
      for (const s of page) signupDay[index.of(s.userId)] = dayNumberOf(s.atMs);
    }
    const firstActive = new Int32Array(index.size).fill(-1);
    for (const [userId, day] of firsts) firstActive[index.of(userId)] = day;
    const docs = computeRetention({
      days,
      userCount: index.size,
      signupDay,
      firstActive,
      segmentsOn: (user, day) => segmentKeys(0, t.planOn(index.name(user), day)),
      from,
      to,
      asOf,
    });
    await writeRetention(repo, clock, productId, docs);
  };

  const revenue = async (productId: string, from: number, to: number, timeline?: BillingTimeline) => {
    const t = timeline ?? (await loadBillingTimeline(sources, productId));
    await writeRevenue(repo, clock, productId, computeRevenue(t, from - REVENUE_LEAD_DAYS, to));
  };

  return { today, scan, active, retention, revenue };
};

export type Rollups = ReturnType<typeof createRollups>;
