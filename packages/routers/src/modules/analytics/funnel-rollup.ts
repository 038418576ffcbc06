import type { Clock } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import type { BillingTimeline } from './billing-timeline';
import { dayString, periodOf } from './days';
import { type AttemptResult, createFunnelEngine, type FunnelEvent } from './funnel-engine';
import type { AnalyticsRepository, RollupDoc } from './repository';
import type { TFunnel } from './schema';
import { ALL, UNKNOWN } from './segments';

export const FUNNEL_METRIC = 'funnel';

/** One funnel's attempts entered on one day, per segment. Durations are in ms, for exact medians when read. */
export type FunnelDoc = {
  funnelId: string;
  /** The funnel's `updatedAt` when rolled up: rollups of another version are stale. */
  version: string;
  day: string;
  segments: Record<string, { counts: number[]; durations: number[][]; total: number[] }>;
};

export const funnelKey = (funnelId: string, day: string) => `${funnelId}:${day}`;

/** Built-in events, by whether a funnel's steps name them: they take part (and break strict order) only then. */
export const usesVirtual = (funnel: TFunnel, name: string) =>
  funnel.steps.some((step) => step.event === name);

/** Collects one funnel's attempts into per-day, per-segment documents. */
export const createFunnelCollector = (
  funnel: TFunnel,
  fromDay: number,
  toDay: number,
  timeline: BillingTimeline,
) => {
  const byDay = new Map<number, FunnelDoc['segments']>();
  const steps = funnel.steps.length;
  const add = (segments: FunnelDoc['segments'], key: string, result: AttemptResult) => {
    segments[key] ??= {
      counts: new Array(steps).fill(0),
      durations: Array.from({ length: steps }, () => []),
      total: [],
    };
    const row = segments[key];
    for (let k = 0; k < result.reached; k++) {
      row.counts[k] = (row.counts[k] as number) + 1;
      if (k > 0) row.durations[k]?.push((result.times[k] as number) - (result.times[k - 1] as number));
    }
    if (result.reached === steps)
      row.total.push((result.times[steps - 1] as number) - (result.times[0] as number));
  };
  const engine = createFunnelEngine(funnel, fromDay, toDay, (result) => {
    let segments = byDay.get(result.entryDay);
    if (!segments) {
      segments = {};
      byDay.set(result.entryDay, segments);
    }
    add(segments, ALL, result);
    add(segments, `platform:${result.platform ?? UNKNOWN}`, result);
    add(segments, `plan:${timeline.planOn(result.userId, result.entryDay)}`, result);
  });
  const virtuals = {
    signup: usesVirtual(funnel, '$signup'),
    subscription: usesVirtual(funnel, '$subscription'),
  };
  return {
    /** `user`: the caller's index of `event.userId`, if it keeps one. */
    push(event: FunnelEvent, user?: number) {
      if (event.name === '$signup' && !virtuals.signup) return;
      if (event.name === '$subscription' && !virtuals.subscription) return;
      engine.push(event, user);
    },
    /** Every entry day of [fromDay, toDay] gets a document, empty ones too, so a re-roll replaces stale figures. */
    docs(): FunnelDoc[] {
      engine.finish();
      const out: FunnelDoc[] = [];
      for (let n = fromDay; n <= toDay; n++) {
        out.push({
          funnelId: funnel.id,
          version: funnel.updatedAt,
          day: dayString(n),
          segments: byDay.get(n) ?? {},
        });
      }
      return out;
    },
  };
};

export const writeFunnels = async (
  repo: AnalyticsRepository,
  clock: Clock,
  productId: string,
  docs: readonly FunnelDoc[],
): Promise<void> => {
  const rolledUpAt = isoNow(clock);
  await repo.rollups.write(
    docs.map((doc) => {
      const key = funnelKey(doc.funnelId, doc.day);
      return {
        id: key,
        productId,
        metric: FUNNEL_METRIC,
        period: periodOf(Date.parse(`${doc.day}T00:00:00Z`) / 86_400_000),
        key,
        rolledUpAt,
        ...doc,
      } satisfies RollupDoc<FunnelDoc>;
    }),
  );
};
