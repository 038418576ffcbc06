import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import {
  metricShapeIssues,
  type TMetricCreateInput,
  type TMetricDefinition,
  type TMetricUpdateInput,
} from './metrics-schema';
import type { ExperimentsRepository, MetricDoc } from './repository';

export const MAX_METRICS_PER_PRODUCT = 500;

const toMetric = (doc: Stored<MetricDoc>): TMetricDefinition => withoutSystemFields(doc);

/** The create schema's shape check on a merged definition, as a 400 naming the field. */
const checkShape = (m: Pick<TMetricDefinition, 'kind' | 'denominator'>) => {
  const fields = metricShapeIssues(m);
  if (fields.length > 0) throw new AppError('VALIDATION', fields[0]?.message ?? 'Invalid metric', { fields });
};

/** Metric definitions per product: what experiments measure, over telemetry events and usage records. */
export const createMetricsService = (deps: { repo: ExperimentsRepository; clock: Clock }) => {
  const { repo, clock } = deps;
  const load = async (productId: string, key: string) => {
    const doc = await repo.metrics.get(productId, key);
    if (!doc) throw new AppError('NOT_FOUND', `Metric '${key}' not found`);
    return doc;
  };
  return {
    get: async (productId: string, key: string) => toMetric(await load(productId, key)),
    list: async (productId: string) => ({ items: (await repo.metrics.all(productId)).map(toMetric) }),
    async create(productId: string, input: TMetricCreateInput, actorId: string): Promise<TMetricDefinition> {
      if ((await repo.metrics.all(productId)).length >= MAX_METRICS_PER_PRODUCT) {
        throw new AppError('UNPROCESSABLE', `A product can have at most ${MAX_METRICS_PER_PRODUCT} metrics`);
      }
      const now = isoNow(clock);
      const doc: MetricDoc = {
        id: input.key,
        productId,
        ...input,
        createdAt: now,
        createdBy: actorId,
        updatedAt: now,
        updatedBy: actorId,
      };
      const saved = await repo.metrics.create(doc).catch((error: unknown) => {
        if (!isStoreError(error, 'conflict')) throw error;
        throw new AppError('CONFLICT', `A metric with key '${input.key}' exists`, {
          fields: [{ path: 'key', message: 'Already taken in this product' }],
        });
      });
      return toMetric(saved);
    },
    async update(productId: string, input: TMetricUpdateInput, actorId: string): Promise<TMetricDefinition> {
      const doc = await load(productId, input.key);
      const { key: _key, ...changes } = input;
      const next: MetricDoc = {
        ...withoutSystemFields(doc),
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        updatedAt: isoNow(clock),
        updatedBy: actorId,
      };
      if (next.kind !== 'ratio' && input.kind !== undefined && input.denominator === undefined) {
        next.denominator = null;
      }
      checkShape(next);
      return toMetric(await repo.metrics.replace(next, doc._etag));
    },
    async delete(productId: string, key: string, inUse: (key: string) => Promise<string | null>) {
      const doc = await load(productId, key);
      const user = await inUse(key);
      if (user) {
        throw new AppError('CONFLICT', `Metric '${key}' is used by experiment '${user}'`, {
          fields: [{ path: 'key', message: `Used by experiment '${user}'` }],
        });
      }
      await repo.metrics.delete(productId, key);
      return toMetric(doc);
    },
  };
};

export type MetricsService = ReturnType<typeof createMetricsService>;
