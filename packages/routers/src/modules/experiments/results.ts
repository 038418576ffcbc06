import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import type { TMetricDefinition } from './metrics-schema';
import { buildSummaries, collectUnits, type MetricSources } from './pipeline';
import type { ExperimentDoc, ExperimentsRepository, ExposureDoc } from './repository';
import type { TExperimentResults, TMetricResult, TResultsOutput, TVariantResult } from './results-schema';
import { analyzeMetric, type MetricSummary, sampleRatioMismatch } from './stats';

type Role = TMetricResult['role'];

/** JSON has no NaN or Infinity: a result holding one is reported as not computable rather than stored broken. */
const allFinite = (value: unknown): boolean => {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
};

const worse = (t: TVariantResult, direction: 'higher' | 'lower') =>
  t.frequentist.significant && (direction === 'higher' ? t.frequentist.lift < 0 : t.frequentist.lift > 0);

const metricResult = (
  doc: ExperimentDoc,
  role: Role,
  key: string,
  metric: TMetricDefinition | undefined,
  summaries: MetricSummary[] | undefined,
): TMetricResult => {
  const base = {
    metricKey: key,
    name: metric?.name ?? key,
    role,
    kind: metric?.kind ?? 'unknown',
    direction: metric?.direction ?? ('higher' as const),
    variants: [] as TMetricResult['variants'],
    treatments: [] as TVariantResult[],
    harmed: false,
    error: null as string | null,
  };
  if (!metric || !summaries) return { ...base, error: `Metric '${key}' is not defined` };
  base.variants = summaries.map((s, i) => ({
    variationIndex: i,
    variantId: doc.variants[i]?.id ?? String(i),
    units: s.units,
    mean: s.denominator
      ? s.denominator.sum === 0
        ? 0
        : s.sum / s.denominator.sum
      : s.units > 0
        ? s.sum / s.units
        : 0,
  }));
  try {
    const treatments = analyzeMetric(summaries, {
      alpha: doc.analysis.alpha,
      direction: metric.direction,
      cuped: doc.analysis.cuped,
      sequential: doc.analysis.sequential,
      // Experiments stored before the setting existed have none: the engine's default, GrowthBook's 5000.
      sequentialTuning: doc.analysis.sequentialTuning,
      decisionThreshold: doc.analysis.decisionThreshold,
    });
    if (!allFinite(treatments)) return { ...base, error: 'Not enough data to compare the variants' };
    return {
      ...base,
      treatments,
      harmed: role === 'guardrail' && treatments.some((t) => worse(t, metric.direction)),
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : 'Could not analyse the metric' };
  }
};

/**
 * Results of an experiment: its exposures, the metric pipeline's per-variant summaries, the statistics engine's
 * comparisons and the sample ratio check; stored on the experiment (with the time and data window) and in its
 * history. Run by the hourly job and on demand.
 */
export const createResultsService = (deps: {
  repo: ExperimentsRepository;
  clock: Clock;
  bus: EventBus;
  /** A product's telemetry events and usage counters. */
  sources: (productId: string) => MetricSources;
}) => {
  const { repo, clock, bus } = deps;

  const compute = async (
    productId: string,
    id: string,
    trigger: TExperimentResults['trigger'],
  ): Promise<TExperimentResults> => {
    const doc = await repo.experiments.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Experiment '${id}' not found`);
    if (doc.status === 'draft') {
      throw new AppError('CONFLICT', 'A draft experiment has no results; start it first', {
        reason: 'draft',
      });
    }
    const exposures: ExposureDoc[] = [];
    await repo.exposures.scan(productId, id, (docs) => exposures.push(...docs));
    const variations = doc.variants.length;
    const units = collectUnits(exposures, variations);
    const roles: [Role, string][] = [
      ['primary', doc.primaryMetric],
      ...doc.secondaryMetrics.map((k): [Role, string] => ['secondary', k]),
      ...doc.guardrailMetrics.map((k): [Role, string] => ['guardrail', k]),
    ];
    const definitions = new Map<string, TMetricDefinition>();
    for (const [, key] of roles) {
      if (definitions.has(key)) continue;
      const metric = await repo.metrics.get(productId, key);
      if (metric) definitions.set(key, metric);
    }
    const computedAt = clock();
    // A concluded experiment's data window ends where it ended.
    const end = doc.concludedAt ? Math.min(computedAt, Date.parse(doc.concludedAt)) : computedAt;
    const { summaries, window } = await buildSummaries({
      units,
      variations,
      metrics: [...definitions.values()],
      sources: deps.sources(productId),
      now: end,
      preExposureDays: doc.analysis.preExposureDays,
    });
    const srm = sampleRatioMismatch(
      units.perVariation,
      doc.variants.map((v) => v.weight),
    );
    const results: TExperimentResults = {
      computedAt: new Date(computedAt).toISOString(),
      window: {
        from: new Date(Number.isFinite(units.firstExposure) ? units.firstExposure : end).toISOString(),
        to: new Date(window.to).toISOString(),
      },
      preExposureDays: doc.analysis.preExposureDays,
      trigger,
      units: units.perVariation.map((count, i) => ({
        variationIndex: i,
        variantId: doc.variants[i]?.id ?? String(i),
        units: count,
      })),
      srm: allFinite(srm) ? srm : { chiSquared: 0, pValue: 1, mismatch: false },
      metrics: roles.map(([role, key]) =>
        metricResult(doc, role, key, definitions.get(key), summaries.get(key)),
      ),
    };
    const primary = results.metrics[0]?.treatments[0];
    await repo.history.create({
      id: results.computedAt,
      productId,
      experimentId: id,
      computedAt: results.computedAt,
      window: results.window,
      units: units.count,
      primary: primary
        ? {
            lift: primary.frequentist.lift,
            ci: primary.frequentist.ci,
            chanceToWin: primary.bayesian.chanceToWin,
          }
        : null,
    });
    await repo.experiments.mutate(
      productId,
      id,
      (current) => ({ ...withoutSystemFields(current), results }),
      () =>
        bus.stage(
          'experiment.results_computed',
          { experimentId: id, computedAt: results.computedAt, units: units.count, srmMismatch: srm.mismatch },
          { productId },
        ),
    );
    return results;
  };

  return {
    compute,
    async get(productId: string, id: string, refresh: boolean): Promise<TResultsOutput> {
      const doc = await repo.experiments.get(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `Experiment '${id}' not found`);
      const results =
        doc.status !== 'draft' && (refresh || doc.results === null)
          ? await compute(productId, id, 'on_demand')
          : doc.results;
      const history = await repo.history.latest(productId, id, 100);
      return {
        experimentId: id,
        status: doc.status,
        results,
        history: history.map(({ computedAt, window, units, primary }) => ({
          computedAt,
          window,
          units,
          primary,
        })),
      };
    },
    /** The hourly job's pass: every running experiment of every product; one failure does not stop the rest. */
    async computeRunning(onError: (doc: ExperimentDoc, error: unknown) => void, signal?: AbortSignal) {
      const metrics = { experiments: 0, computed: 0, failed: 0 };
      for (const doc of await repo.experiments.runningEverywhere()) {
        if (signal?.aborted) break;
        metrics.experiments += 1;
        try {
          await compute(doc.productId, doc.id, 'job');
          metrics.computed += 1;
        } catch (error) {
          metrics.failed += 1;
          onError(doc, error);
        }
      }
      return metrics;
    },
  };
};

export type ResultsService = ReturnType<typeof createResultsService>;
