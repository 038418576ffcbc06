import { DAY_MS, dayOf, HOUR_MS, startOfDay } from '../../lib/time';
import type { TMetricDefinition, TMetricEvent } from './metrics-schema';
import type { ExposureDoc } from './repository';
import { addUnit, emptySummary, type MetricSummary } from './stats';

/** A telemetry event as the pipeline reads it. */
export type PipelineEvent = {
  name: string;
  at: string;
  userId: string | null;
  deviceId: string | null;
  props: Readonly<Record<string, string | number | boolean | null>>;
};

/** A usage counter: one user's quantity of one metric on one UTC day. */
export type PipelineCounter = { userId: string; metric: string; day: string; count: number };

export type MetricSources = {
  telemetry(
    range: { names: readonly string[]; from: string; to: string },
    visit: (events: readonly PipelineEvent[]) => void,
  ): Promise<number>;
  usage(
    range: { metrics: readonly string[]; fromDay: string; toDay: string },
    visit: (counters: readonly PipelineCounter[]) => void,
  ): Promise<number>;
};

/** The experiment's units: one per exposure not merged into another, with its variation and exposure time. */
export type Units = {
  count: number;
  variation: Int32Array;
  exposedAt: Float64Array;
  byUser: Map<string, number>;
  byDevice: Map<string, number>;
  /** Units per variation. */
  perVariation: number[];
  firstExposure: number;
};

export const collectUnits = (exposures: readonly ExposureDoc[], variations: number): Units => {
  const counted = exposures.filter((x) => x.mergedInto === null && x.variationIndex < variations);
  const units: Units = {
    count: counted.length,
    variation: new Int32Array(counted.length),
    exposedAt: new Float64Array(counted.length),
    byUser: new Map(),
    byDevice: new Map(),
    perVariation: new Array<number>(variations).fill(0),
    firstExposure: Number.POSITIVE_INFINITY,
  };
  counted.forEach((x, i) => {
    const at = Date.parse(x.firstExposureAt);
    units.variation[i] = x.variationIndex;
    units.exposedAt[i] = at;
    units.perVariation[x.variationIndex] = (units.perVariation[x.variationIndex] ?? 0) + 1;
    units.firstExposure = Math.min(units.firstExposure, at);
    // The first unit to claim an id keeps it (one user on two devices of a device-hashed experiment).
    if (x.userId !== null && !units.byUser.has(x.userId)) units.byUser.set(x.userId, i);
    if (x.deviceId !== null && !units.byDevice.has(x.deviceId)) units.byDevice.set(x.deviceId, i);
  });
  return units;
};

/** Per-unit accumulators of one metric. */
type Accumulator = {
  metric: TMetricDefinition;
  windowMs: number;
  post: Float64Array;
  denominator: Float64Array | null;
  pre: Float64Array;
};

/** Which accumulator an event stream feeds, and how much one event adds. */
type Feed = { acc: Accumulator; role: 'numerator' | 'denominator'; valueProp: string | null };

const numeric = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const feedsBy = (accs: readonly Accumulator[], source: TMetricEvent['source']) => {
  const feeds = new Map<string, Feed[]>();
  const add = (acc: Accumulator, role: Feed['role'], e: TMetricEvent | null) => {
    if (!e || e.source !== source) return;
    const list = feeds.get(e.event) ?? [];
    list.push({ acc, role, valueProp: source === 'telemetry' ? e.valueProp : null });
    feeds.set(e.event, list);
  };
  for (const acc of accs) {
    add(acc, 'numerator', acc.metric.numerator);
    add(acc, 'denominator', acc.metric.denominator);
  }
  return feeds;
};

/**
 * Adds one occurrence to a unit: after its first exposure and within the metric's window it counts for the
 * metric (a conversion is 0 or 1), in the pre-exposure window it counts for the CUPED covariate.
 */
const apply = (feed: Feed, unit: number, amount: number, post: boolean, pre: boolean) => {
  const { acc, role } = feed;
  const target = !post ? null : role === 'denominator' ? acc.denominator : acc.post;
  const conversion = acc.metric.kind === 'conversion';
  if (post && target) target[unit] = conversion ? 1 : (target[unit] ?? 0) + amount;
  if (pre && role === 'numerator') acc.pre[unit] = conversion ? 1 : (acc.pre[unit] ?? 0) + amount;
};

/**
 * The data pipeline: one pass over the product's telemetry events and one over its usage counters in the data
 * window (from `preExposureDays` before the first exposure to `now`), each occurrence credited to the unit it
 * belongs to (by user id, else device id), then one MetricSummary per variant and metric. Usage counters are
 * daily, so for them the exposure's whole UTC day counts as after exposure.
 */
export const buildSummaries = async (opts: {
  units: Units;
  variations: number;
  metrics: readonly TMetricDefinition[];
  sources: MetricSources;
  now: number;
  preExposureDays: number;
}): Promise<{
  summaries: Map<string, MetricSummary[]>;
  scanned: number;
  window: { from: number; to: number };
}> => {
  const { units, now } = opts;
  const preMs = opts.preExposureDays * DAY_MS;
  const n = units.count;
  const accs: Accumulator[] = opts.metrics.map((metric) => ({
    metric,
    windowMs: metric.windowHours === null ? Number.POSITIVE_INFINITY : metric.windowHours * HOUR_MS,
    post: new Float64Array(n),
    denominator: metric.kind === 'ratio' ? new Float64Array(n) : null,
    pre: new Float64Array(n),
  }));
  const from = Number.isFinite(units.firstExposure) ? units.firstExposure - preMs : now;
  let scanned = 0;
  if (n > 0) {
    const telemetry = feedsBy(accs, 'telemetry');
    scanned += await opts.sources.telemetry(
      { names: [...telemetry.keys()], from: new Date(from).toISOString(), to: new Date(now).toISOString() },
      (events) => {
        for (const e of events) {
          const unit =
            (e.userId !== null ? units.byUser.get(e.userId) : undefined) ??
            (e.deviceId !== null ? units.byDevice.get(e.deviceId) : undefined);
          if (unit === undefined) continue;
          const at = Date.parse(e.at);
          const exposed = units.exposedAt[unit] ?? 0;
          for (const feed of telemetry.get(e.name) ?? []) {
            const amount = feed.valueProp === null ? 1 : numeric(e.props[feed.valueProp]);
            apply(
              feed,
              unit,
              amount,
              at >= exposed && at < exposed + feed.acc.windowMs,
              at < exposed && at >= exposed - preMs,
            );
          }
        }
      },
    );
    const usage = feedsBy(accs, 'usage');
    scanned += await opts.sources.usage(
      { metrics: [...usage.keys()], fromDay: dayOf(from), toDay: dayOf(now) },
      (counters) => {
        for (const c of counters) {
          const unit = units.byUser.get(c.userId);
          if (unit === undefined) continue;
          const day = Date.parse(`${c.day}T00:00:00.000Z`);
          const exposedDay = startOfDay(units.exposedAt[unit] ?? 0);
          for (const feed of usage.get(c.metric) ?? []) {
            const post = day >= exposedDay && day < (units.exposedAt[unit] ?? 0) + feed.acc.windowMs;
            apply(feed, unit, c.count, post, day < exposedDay && day >= exposedDay - preMs);
          }
        }
      },
    );
  }
  const summaries = new Map<string, MetricSummary[]>();
  for (const acc of accs) {
    const ratio = acc.denominator !== null;
    const perVariant = Array.from({ length: opts.variations }, () =>
      emptySummary({ ratio, covariate: !ratio }),
    );
    for (let i = 0; i < n; i++) {
      const summary = perVariant[units.variation[i] ?? 0];
      if (!summary) continue;
      addUnit(summary, acc.post[i] ?? 0, acc.denominator?.[i] ?? 0, acc.pre[i] ?? 0);
    }
    summaries.set(acc.metric.key, perVariant);
  }
  return { summaries, scanned, window: { from, to: now } };
};
