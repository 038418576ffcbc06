import type { Clock } from '@bytelyst/db/document-store';
import { DAY_MS } from '../../lib/time';
import { writeActive } from './active-rollup';
import { loadBillingTimeline } from './billing-timeline';
import { dayNumberOf, dayString, monthStart, nextMonthStart } from './days';
import { createDayDigest, digestRules, writeDigest } from './digest';
import { loadFirstActive, updateFirstActive } from './first-active';
import type { FunnelEvent } from './funnel-engine';
import { createFunnelCollector, writeFunnels } from './funnel-rollup';
import type { AnalyticsRepository, DefinitionsDoc } from './repository';
import { computeRetention, writeRetention } from './retention-rollup';
import { computeRevenue, writeRevenue } from './revenue-rollup';
import { createRollupRun, type RollupRun } from './run';
import { segmentKeys } from './segments';
import type { Sources, UsageRecord } from './sources';

/**
 * The rollup steps, each idempotent (deterministic ids, upserts) and each reading only what it needs: the scan
 * streams raw events once, in time order, into the day digests and the funnels; every other step reads digests
 * or subscriptions. Steps given the run of an earlier step (run.ts) reuse what it read or built: the digests the
 * scan just wrote are not read back. Days are day numbers (days.ts); `today` is the clock's UTC day.
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
const virtualEvents = async (run: RollupRun, fromMs: number, toMs: number): Promise<FunnelEvent[]> => {
  const out: FunnelEvent[] = [];
  const add = (id: string, userId: string, name: string, atMs: number) =>
    out.push({ id, userId, name, atMs, platform: null, appVersion: '', props: {} });
  for (const signup of await run.signups()) {
    if (signup.atMs >= fromMs && signup.atMs < toMs)
      add(`$signup:${signup.userId}`, signup.userId, '$signup', signup.atMs);
  }
  for (const [userId] of run.timeline.states) {
    for (const atMs of run.timeline.payingStarts(userId)) {
      if (atMs >= fromMs && atMs < toMs)
        add(`$subscription:${userId}:${atMs}`, userId, '$subscription', atMs);
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

export const createRollups = (deps: { repo: AnalyticsRepository; sources: Sources; clock: Clock }) => {
  const { repo, sources, clock } = deps;
  const today = () => dayNumberOf(clock());

  /** The run of an earlier step of the same product, or a new one. */
  const runFor = async (productId: string, prior: RollupRun | undefined): Promise<RollupRun> =>
    prior?.productId === productId
      ? prior
      : createRollupRun({
          repo,
          sources,
          productId,
          timeline: await loadBillingTimeline(sources, productId),
        });

  /**
   * One pass over the raw events of [from, …): the digests of the days [from, to] when `digests`, and the
   * attempts of the funnels entered on [from, to] (events read up to the longest conversion window after `to`).
   * Returns the run, holding the digests it wrote, for the steps that follow.
   */
  const scan = async (
    productId: string,
    defs: DefinitionsDoc,
    from: number,
    to: number,
    options: { digests: boolean; funnels: boolean; progress?: Progress },
  ): Promise<RollupRun> => {
    const run = await runFor(productId, undefined);
    const { index } = run;
    const funnels = options.funnels ? defs.funnels : [];
    const maxWindow = Math.max(0, ...funnels.map((f) => f.windowDays));
    const eventsTo = Math.min(to + 1 + (funnels.length > 0 ? maxWindow : 0), today() + 1);
    const collectors = funnels.map((funnel) => createFunnelCollector(funnel, from, to, run.timeline));
    const virtual = collectors.length > 0 ? await virtualEvents(run, from * DAY_MS, eventsTo * DAY_MS) : [];
    let v = 0;
    const rules = digestRules(defs.activity, defs.features);
    const usage = usageByDay(sources.usage(productId, dayString(from), dayString(to)));
    /** First active day of each user (by index) within the scan. */
    const firsts = new Map<number, number>();
    let current = from;
    const digest = createDayDigest(rules, index);
    const flush = async () => {
      for (const record of await usage(dayString(current)))
        digest.addUsage(index.of(record.userId), record.metric);
      const day = digest.take(current);
      for (const [i, user] of day.digest.users.entries()) {
        if (day.digest.active[i] === 1 && !firsts.has(user)) firsts.set(user, current);
      }
      await writeDigest(repo, clock, productId, day.chunks);
      run.put(day.digest);
      await options.progress?.('scan', current - from + 1);
      current += 1;
    };
    const pushFunnels = (event: FunnelEvent, user: number) => {
      for (const collector of collectors) collector.push(event, user);
    };
    const end = options.digests ? to : from - 1;
    for await (const page of sources.events(productId, from * DAY_MS, eventsTo * DAY_MS)) {
      for (const event of page) {
        while (v < virtual.length && (virtual[v] as FunnelEvent).atMs <= event.atMs) {
          const next = virtual[v] as FunnelEvent;
          if (next.atMs === event.atMs && next.id > event.id) break;
          pushFunnels(next, index.of(next.userId));
          v++;
        }
        const user = index.of(event.userId);
        if (collectors.length > 0) pushFunnels(event, user);
        if (!options.digests) continue;
        const day = dayNumberOf(event.atMs);
        if (day > end) continue;
        while (day > current) await flush();
        digest.addEvent(user, event.name, event.platform);
      }
    }
    while (v < virtual.length) {
      const next = virtual[v++] as FunnelEvent;
      pushFunnels(next, index.of(next.userId));
    }
    if (options.digests) {
      while (current <= end) await flush();
      const byId = new Map<string, number>();
      for (const [user, day] of firsts) byId.set(index.name(user), day);
      await updateFirstActive(repo, clock, productId, byId);
    }
    for (const collector of collectors) await writeFunnels(repo, clock, productId, collector.docs());
    return run;
  };

  /** DAU/WAU/MAU of the days whose windows include [from, to], and the calendar and adoption buckets of it. */
  const active = async (
    productId: string,
    defs: DefinitionsDoc,
    from: number,
    to: number,
    prior?: RollupRun,
  ) => {
    const run = await runFor(productId, prior);
    const last = Math.min(to + 29, today());
    const loadFrom = Math.min(from - 29, monthStart(from));
    const loadTo = Math.min(Math.max(last, nextMonthStart(to) - 1), today());
    const days = await run.segments(loadFrom, loadTo, defs.features);
    await writeActive({
      repo,
      clock,
      productId,
      days,
      userCount: run.index.size,
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
    prior?: RollupRun,
  ) => {
    const run = await runFor(productId, prior);
    const { index } = run;
    const asOf = today() - 1;
    const loadFrom = Math.min(from, from - ((from + 3) % 7));
    const days = await run.segments(loadFrom, Math.max(asOf, to), defs.features);
    const signups = await run.signups();
    for (const s of signups) index.of(s.userId);
    const firsts = await loadFirstActive(repo, productId);
    for (const userId of firsts.keys()) index.of(userId);
    const signupDay = new Int32Array(index.size).fill(-1);
    for (const s of signups) signupDay[index.of(s.userId)] = dayNumberOf(s.atMs);
    const firstActive = new Int32Array(index.size).fill(-1);
    for (const [userId, day] of firsts) firstActive[index.of(userId)] = day;
    const docs = computeRetention({
      days,
      userCount: index.size,
      signupDay,
      firstActive,
      segmentsOn: (user, day) => segmentKeys(0, run.planOf(user, day)),
      from,
      to,
      asOf,
    });
    await writeRetention(repo, clock, productId, docs);
  };

  const revenue = async (productId: string, from: number, to: number, prior?: RollupRun) => {
    const run = await runFor(productId, prior);
    await writeRevenue(repo, clock, productId, computeRevenue(run.timeline, from - REVENUE_LEAD_DAYS, to));
  };

  return { today, scan, active, retention, revenue };
};

export type Rollups = ReturnType<typeof createRollups>;
