import type { Clock } from '@bytelyst/db/document-store';
import { addDays, DAY_MS, dayOf, HOUR_MS, isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import type { ComponentDoc, DailyDoc, IncidentDoc, MaintenanceDoc, StatusRepository } from './repository';
import { type StateTotals, stateTotals } from './uptime';

/**
 * Daily rollups: a component's time in each state on one UTC day (uptime.ts), its mean check latency and the
 * incidents that touched it. Past days are computed once and kept (`status_daily`); today is computed on
 * demand and cached a minute. A day is computed again when checks of it were rewritten down afterwards.
 */

export type DayRollup = StateTotals & {
  latencySum: number;
  latencyCount: number;
  incidents: { id: string; title: string }[];
};

/** What computing a range of days needs besides the checks. */
type RangeContext = { incidents: IncidentDoc[]; maintenance: MaintenanceDoc[] };

const LOOKBACK_MS = 25 * HOUR_MS;
const LIVE_TTL_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
export const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** The incident's impacts on `componentId`, and whether it touched the component within [fromMs, toMs). */
const incidentOn = (incident: IncidentDoc, componentId: string, fromMs: number, toMs: number) => {
  const entries = incident.impactLog.filter((entry) => entry.componentId === componentId);
  const startMs = Date.parse(incident.createdAt);
  const endMs = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Number.POSITIVE_INFINITY;
  return { entries, touched: entries.length > 0 && startMs < toMs && endMs > fromMs };
};

export const createRollups = (deps: { repo: StatusRepository; clock: Clock }) => {
  const { repo, clock } = deps;
  const live = createTtlCache<Map<string, DayRollup>>({ ttlMs: LIVE_TTL_MS, clock, maxEntries: 1000 });

  const contextFor = async (productId: string, fromMs: number, toMs: number): Promise<RangeContext> => {
    // Incidents open across the range started before it: the open ones, and those of a generous month before.
    const [recent, open, maintenance] = await Promise.all([
      repo.incidents.since(productId, iso(addDays(fromMs, -30))),
      repo.incidents.open(productId),
      repo.maintenance.overlapping(productId, iso(fromMs), iso(toMs)),
    ]);
    const incidents = [...new Map([...recent, ...open].map((doc) => [doc.id, doc])).values()];
    return { incidents, maintenance };
  };

  const computeDay = async (
    productId: string,
    component: ComponentDoc,
    day: string,
    context: RangeContext,
  ): Promise<DayRollup> => {
    const dayStart = dayStartMs(day);
    const dayEnd = dayStart + DAY_MS;
    const fromMs = Math.max(dayStart, Date.parse(component.createdAt));
    const toMs = Math.min(dayEnd, clock());
    const inDay = await repo.checks.ofComponent(productId, component.id, iso(dayStart), iso(dayEnd));
    const monitorIds = new Set(inDay.map((check) => check.monitorId));
    for (const monitor of await repo.monitors.list(productId, { componentId: { eq: component.id } })) {
      monitorIds.add(monitor.id);
    }
    const before = await Promise.all(
      [...monitorIds].map((id) => repo.checks.lastBefore(productId, id, iso(dayStart))),
    );
    const checks = [...before, ...inDay]
      .filter((check) => check !== undefined && Date.parse(check.at) >= dayStart - LOOKBACK_MS)
      .map((check) => ({
        monitorId: check?.monitorId ?? '',
        atMs: Date.parse(check?.at ?? ''),
        status: check?.status ?? 'up',
      }));
    const touched = context.incidents
      .map((incident) => ({ incident, ...incidentOn(incident, component.id, fromMs, toMs) }))
      .filter((entry) => entry.entries.length > 0);
    const totals = stateTotals({
      fromMs,
      toMs,
      checks,
      impacts: touched.flatMap(({ incident, entries }) =>
        entries.map((entry) => ({
          incidentId: incident.id,
          atMs: Date.parse(entry.at),
          impact: entry.impact,
        })),
      ),
      maintenance: context.maintenance
        .filter((window) => window.startedAt && window.components.includes(component.id))
        .map((window) => ({
          startMs: Date.parse(window.startedAt ?? ''),
          endMs: window.completedAt ? Date.parse(window.completedAt) : null,
        })),
    });
    const latencies = inDay
      .filter((check) => check.latencyMs !== null)
      .map((check) => check.latencyMs as number);
    return {
      ...totals,
      latencySum: latencies.reduce((sum, value) => sum + value, 0),
      latencyCount: latencies.length,
      incidents: touched
        .filter((entry) => entry.touched)
        .map(({ incident }) => ({ id: incident.id, title: incident.title })),
    };
  };

  const store = async (productId: string, componentId: string, day: string, rollup: DayRollup) => {
    const doc: DailyDoc = {
      id: `${componentId}:${day}`,
      productId,
      componentId,
      day,
      ...rollup,
      computedAt: isoNow(clock),
    };
    await repo.daily.upsert(doc);
    return doc;
  };

  /** Computes and keeps the rollups of finished days, one per (component, day) pair. */
  const computeAndStore = async (
    productId: string,
    pairs: readonly { component: ComponentDoc; day: string }[],
  ): Promise<DailyDoc[]> => {
    if (pairs.length === 0) return [];
    const days = pairs.map((pair) => pair.day).sort();
    const context = await contextFor(
      productId,
      dayStartMs(days[0] as string),
      dayStartMs(days.at(-1) as string) + DAY_MS,
    );
    const out: DailyDoc[] = [];
    for (const { component, day } of pairs) {
      out.push(
        await store(productId, component.id, day, await computeDay(productId, component, day, context)),
      );
    }
    return out;
  };

  return {
    /** The rollups of a day that has ended, computed again and kept (the rollup job; tests). */
    async rollupDay(productId: string, day: string): Promise<DailyDoc[]> {
      const components = await repo.components.list(productId);
      return computeAndStore(
        productId,
        components.map((component) => ({ component, day })),
      );
    },

    /** Days whose checks changed after they were rolled up. */
    async recompute(productId: string, componentId: string, days: readonly string[]) {
      const component = await repo.components.get(productId, componentId);
      const today = dayOf(clock());
      const past = days.filter((day) => day < today);
      if (component)
        await computeAndStore(
          productId,
          past.map((day) => ({ component, day })),
        );
      live.delete(productId);
    },

    /** Today so far, per component (cached a minute; dropped on a change of the product's status). */
    async today(productId: string, components: readonly ComponentDoc[]): Promise<Map<string, DayRollup>> {
      const cached = live.get(productId);
      if (cached) return cached;
      const day = dayOf(clock());
      const start = dayStartMs(day);
      const context = await contextFor(productId, start, start + DAY_MS);
      const out = new Map<string, DayRollup>();
      for (const component of components)
        out.set(component.id, await computeDay(productId, component, day, context));
      live.set(productId, out);
      return out;
    },

    /**
     * Kept rollups of [fromDay, toDay] (finished days), computing those missing for days on which a component
     * existed: after a first start, or days the rollup job did not run.
     */
    async finishedDays(
      productId: string,
      components: readonly ComponentDoc[],
      fromDay: string,
      toDay: string,
    ) {
      const kept: DailyDoc[] = toDay < fromDay ? [] : await repo.daily.between(productId, fromDay, toDay);
      const have = new Set(kept.map((doc) => doc.id));
      const missing: { component: ComponentDoc; day: string }[] = [];
      for (const component of components) {
        let day = [fromDay, component.createdAt.slice(0, 10)].sort().at(-1) as string;
        while (day <= toDay) {
          if (!have.has(`${component.id}:${day}`)) missing.push({ component, day });
          day = dayOf(dayStartMs(day) + DAY_MS);
        }
      }
      kept.push(...(await computeAndStore(productId, missing)));
      return kept;
    },

    forget: (productId: string) => live.delete(productId),
  };
};

export type Rollups = ReturnType<typeof createRollups>;
