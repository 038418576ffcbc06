import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError, type FieldError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { Assignments } from './assignments';
import type { ExperimentDoc, ExperimentsRepository } from './repository';
import type { ResultsService } from './results';
import type {
  TConcludeInput,
  TExperiment,
  TExperimentCreateInput,
  TExperimentListInput,
  TExperimentUpdateInput,
} from './schema';

export const MAX_EXPERIMENTS_PER_PRODUCT = 500;

/** Fields whose change would move units between variants: fixed once an experiment has started. */
const HASHING_FIELDS = ['seed', 'hashAttribute', 'fallbackAttribute', 'hashVersion', 'namespace'] as const;

const toExperiment = ({ revision: _r, ...doc }: Stored<ExperimentDoc>): TExperiment =>
  withoutSystemFields(doc);

export type ExperimentsNeeds = {
  /** Whether a flag exists in the product (flag-backed experiments). */
  flagExists(productId: string, key: string): Promise<boolean>;
};

const fail = (code: 'VALIDATION' | 'CONFLICT', message: string, fields: FieldError[]): never => {
  throw new AppError(code, message, { fields });
};

/** Admin lifecycle of experiments: draft -> running <-> paused -> concluded; every change stages its event. */
export const createExperimentsService = (deps: {
  repo: ExperimentsRepository;
  clock: Clock;
  bus: EventBus;
  assignments: Pick<Assignments, 'invalidate'>;
  results: Pick<ResultsService, 'compute'>;
  needs: ExperimentsNeeds;
}) => {
  const { repo, clock, bus, needs } = deps;

  const load = async (productId: string, id: string) => {
    const doc = await repo.experiments.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Experiment '${id}' not found`);
    return doc;
  };

  /** Metrics, the flag and forced variants must name things that exist: 400s naming each field. */
  const checkReferences = async (productId: string, e: Omit<ExperimentDoc, 'revision'>) => {
    const fields: FieldError[] = [];
    const known = new Set((await repo.metrics.all(productId)).map((m) => m.key));
    if (!known.has(e.primaryMetric)) fields.push({ path: 'primaryMetric', message: 'No such metric' });
    e.secondaryMetrics.forEach((k, i) => {
      if (!known.has(k)) fields.push({ path: `secondaryMetrics.${i}`, message: 'No such metric' });
    });
    e.guardrailMetrics.forEach((k, i) => {
      if (!known.has(k)) fields.push({ path: `guardrailMetrics.${i}`, message: 'No such metric' });
    });
    if (e.flagKey !== null && !(await needs.flagExists(productId, e.flagKey))) {
      fields.push({ path: 'flagKey', message: 'No such flag in this product' });
    }
    const variants = new Set(e.variants.map((v) => v.id));
    e.forcedVariants.forEach((f, i) => {
      if (!variants.has(f.variant))
        fields.push({ path: `forcedVariants.${i}.variant`, message: 'No such variant' });
    });
    if (fields.length > 0) fail('VALIDATION', fields[0]?.message ?? 'Invalid experiment', fields);
  };

  const save = async (
    doc: Stored<ExperimentDoc>,
    next: ExperimentDoc,
    staged: ReturnType<EventBus['stage']>,
  ): Promise<TExperiment> => {
    const saved = await repo.experiments.replace(next, doc._etag, staged);
    deps.assignments.invalidate(doc.productId);
    return toExperiment(saved);
  };

  const stamp = (actorId: string) => ({ updatedAt: isoNow(clock), updatedBy: actorId });

  return {
    get: async (productId: string, id: string) => toExperiment(await load(productId, id)),
    async list(productId: string, input: TExperimentListInput) {
      const where = input.status ? { status: { eq: input.status } } : {};
      const page = await repo.experiments.list(productId, where, input.limit ?? 25, input.cursor);
      return {
        items: page.items.map(toExperiment),
        nextCursor: page.continuation,
        total: await repo.experiments.count(productId, where),
      };
    },
    async create(productId: string, input: TExperimentCreateInput, actorId: string): Promise<TExperiment> {
      if ((await repo.experiments.count(productId)) >= MAX_EXPERIMENTS_PER_PRODUCT) {
        throw new AppError(
          'UNPROCESSABLE',
          `A product can have at most ${MAX_EXPERIMENTS_PER_PRODUCT} experiments`,
        );
      }
      const now = isoNow(clock);
      const doc: ExperimentDoc = {
        ...input,
        id: input.key,
        productId,
        seed: input.seed ?? input.key,
        status: 'draft',
        startedAt: null,
        pausedAt: null,
        concludedAt: null,
        winningVariant: null,
        conclusion: null,
        results: null,
        revision: randomId(6),
        createdAt: now,
        createdBy: actorId,
        updatedAt: now,
        updatedBy: actorId,
      };
      await checkReferences(productId, doc);
      const staged = bus.stage(
        'experiment.created',
        { experimentId: doc.id, key: doc.key, variants: doc.variants.map((v) => v.id) },
        { productId, actorId },
      );
      const saved = await repo.experiments.create(doc, staged).catch((error: unknown) => {
        if (!isStoreError(error, 'conflict')) throw error;
        return fail('CONFLICT', `An experiment with key '${input.key}' exists`, [
          { path: 'key', message: 'Already taken in this product' },
        ]);
      });
      return toExperiment(saved);
    },
    async update(productId: string, input: TExperimentUpdateInput, actorId: string): Promise<TExperiment> {
      const doc = await load(productId, input.id);
      if (doc.status === 'concluded') {
        fail('CONFLICT', 'A concluded experiment cannot change', [{ path: 'id', message: 'Concluded' }]);
      }
      const { id: _id, analysis, ...rest } = input;
      const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const next: ExperimentDoc = {
        ...withoutSystemFields(doc),
        ...given,
        analysis: {
          ...doc.analysis,
          ...Object.fromEntries(Object.entries(analysis ?? {}).filter(([, v]) => v !== undefined)),
        },
        ...stamp(actorId),
      };
      const changes = Object.keys(given).filter(
        (k) => JSON.stringify(given[k]) !== JSON.stringify(doc[k as keyof ExperimentDoc]),
      );
      if (JSON.stringify(next.analysis) !== JSON.stringify(doc.analysis)) changes.push('analysis');
      if (doc.status !== 'draft') {
        const fields: FieldError[] = HASHING_FIELDS.filter((k) => changes.includes(k)).map((path) => ({
          path,
          message: 'Fixed once the experiment has started: changing it would move units between variants',
        }));
        const ids = (vs: readonly { id: string }[]) => vs.map((v) => v.id).join('|');
        if (ids(next.variants) !== ids(doc.variants)) {
          fields.push({
            path: 'variants',
            message: 'Only weights may change once the experiment has started',
          });
        }
        if (fields.length > 0) fail('CONFLICT', fields[0]?.message ?? 'Cannot change', fields);
      }
      if (changes.length === 0) return toExperiment(doc);
      await checkReferences(productId, next);
      return save(
        doc,
        next,
        bus.stage('experiment.updated', { experimentId: doc.id, changes }, { productId, actorId }),
      );
    },
    async delete(productId: string, id: string, actorId: string): Promise<TExperiment> {
      const doc = await load(productId, id);
      if (doc.status === 'running') {
        fail('CONFLICT', 'Pause a running experiment before deleting it', [
          { path: 'id', message: 'Running' },
        ]);
      }
      await repo.purge(productId, id);
      await repo.experiments.delete(
        productId,
        id,
        doc._etag,
        bus.stage('experiment.deleted', { experimentId: id }, { productId, actorId }),
      );
      deps.assignments.invalidate(productId);
      return toExperiment(doc);
    },
    async start(productId: string, id: string, actorId: string): Promise<TExperiment> {
      const doc = await load(productId, id);
      if (doc.status !== 'draft' && doc.status !== 'paused') {
        fail('CONFLICT', `A ${doc.status} experiment cannot start`, [
          { path: 'id', message: `Is ${doc.status}` },
        ]);
      }
      await checkReferences(productId, doc);
      const now = isoNow(clock);
      const startedAt = doc.startedAt ?? now;
      return save(
        doc,
        { ...withoutSystemFields(doc), status: 'running', startedAt, pausedAt: null, ...stamp(actorId) },
        bus.stage(
          'experiment.started',
          { experimentId: id, key: doc.key, startedAt, resumed: doc.status === 'paused' },
          { productId, actorId },
        ),
      );
    },
    async pause(productId: string, id: string, actorId: string): Promise<TExperiment> {
      const doc = await load(productId, id);
      if (doc.status !== 'running') {
        fail('CONFLICT', `A ${doc.status} experiment cannot pause`, [
          { path: 'id', message: `Is ${doc.status}` },
        ]);
      }
      return save(
        doc,
        { ...withoutSystemFields(doc), status: 'paused', pausedAt: isoNow(clock), ...stamp(actorId) },
        bus.stage('experiment.paused', { experimentId: id, key: doc.key }, { productId, actorId }),
      );
    },
    /**
     * Picks the winner (or stops without one) with a reason, on fresh results: a sample ratio mismatch blocks
     * the conclusion unless `srmOverrideReason` says why it stands. The flag rollout follows the event.
     */
    async conclude(productId: string, input: TConcludeInput, actorId: string): Promise<TExperiment> {
      const before = await load(productId, input.id);
      if (before.status !== 'running' && before.status !== 'paused') {
        fail('CONFLICT', `A ${before.status} experiment cannot be concluded`, [
          { path: 'id', message: `Is ${before.status}` },
        ]);
      }
      const index =
        input.winningVariant === null
          ? null
          : before.variants.findIndex((v) => v.id === input.winningVariant);
      if (index === -1)
        fail('VALIDATION', 'No such variant', [{ path: 'winningVariant', message: 'No such variant' }]);
      const results = await deps.results.compute(productId, input.id, 'on_demand');
      if (results.srm.mismatch && !input.srmOverrideReason) {
        throw new AppError(
          'CONFLICT',
          `Sample ratio mismatch (p = ${results.srm.pValue.toExponential(2)}): the split is not what the ` +
            'weights say, so the results cannot be trusted. Find the cause, or conclude with srmOverrideReason.',
          {
            reason: 'sample_ratio_mismatch',
            fields: [{ path: 'srmOverrideReason', message: 'Required: SRM' }],
          },
        );
      }
      const doc = await load(productId, input.id);
      const flagRollout = doc.flagKey === null || index === null ? 'unchanged' : index === 0 ? 'off' : 'on';
      const srmOverrideReason = results.srm.mismatch ? (input.srmOverrideReason ?? null) : null;
      const concludedAt = isoNow(clock);
      return save(
        doc,
        {
          ...withoutSystemFields(doc),
          status: 'concluded',
          concludedAt,
          winningVariant: index === null ? null : (doc.variants[index]?.id ?? null),
          conclusion: {
            winningVariationIndex: index,
            reason: input.reason,
            srmOverrideReason,
            flagRollout,
            concludedBy: actorId,
          },
          ...stamp(actorId),
        },
        bus.stage(
          'experiment.concluded',
          {
            experimentId: doc.id,
            key: doc.key,
            winningVariant: index === null ? null : (doc.variants[index]?.id ?? null),
            winningVariationIndex: index,
            reason: input.reason,
            flagKey: doc.flagKey,
            flagRollout,
            srmOverrideReason,
          },
          { productId, actorId },
        ),
      );
    },
    /** The experiment (if any) whose definition names this metric, for refusing the metric's deletion. */
    async metricUser(productId: string, key: string): Promise<string | null> {
      const docs = await repo.experiments.inStatus(productId, ['draft', 'running', 'paused', 'concluded']);
      const user = docs.find(
        (d) =>
          d.primaryMetric === key || d.secondaryMetrics.includes(key) || d.guardrailMetrics.includes(key),
      );
      return user?.id ?? null;
    },
  };
};

export type ExperimentsService = ReturnType<typeof createExperimentsService>;
