import type { Clock, Filter } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { RegisteredJob } from '@bytelyst/scheduler/definition';
import { describeCron } from '@bytelyst/scheduler/describe-cron';
import { isSchedulerError, type SchedulerErrorCode } from '@bytelyst/scheduler/errors';
import { setJobEnabled } from '@bytelyst/scheduler/pause';
import type { JobRegistry } from '@bytelyst/scheduler/registry';
import { type JobDefinitionDoc, type JobsRepository, runPartition } from '@bytelyst/scheduler/repository';
import type { JobRunner } from '@bytelyst/scheduler/runner';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { AppError, type AppErrorCode } from '../../app-error';
import type { TJobInfo, TJobRun, TJobRunSummary, TJobRunsInput } from './schema';

const NEXT_RUNS = 5;

const APP_CODES: Record<SchedulerErrorCode, AppErrorCode> = {
  invalid_definition: 'VALIDATION',
  duplicate_job: 'CONFLICT',
  unknown_job: 'NOT_FOUND',
  already_running: 'CONFLICT',
  stopping: 'UNAVAILABLE',
};

/** The scheduler's refusals as the API's errors (same message); anything else passes through unchanged. */
export const toAppError = (error: unknown): unknown =>
  isSchedulerError(error)
    ? new AppError(APP_CODES[error.code], error.message, error.fields ? { fields: error.fields } : undefined)
    : error;

/** The registry modules register their jobs with: a bad definition throws an `AppError`. */
export const withAppErrors = (registry: JobRegistry): JobRegistry => ({
  ...registry,
  register(def) {
    try {
      return registry.register(def);
    } catch (error) {
      throw toAppError(error);
    }
  },
});

/**
 * The REST adapter hands path parameters over still percent-encoded, and clients encode the colons of a run id;
 * a real run id never contains '%', so decoding is safe for tRPC callers too.
 */
const decodeId = (id: string): string => {
  if (!id.includes('%')) return id;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

export const createJobsService = (deps: {
  repo: JobsRepository;
  registry: JobRegistry;
  runner: JobRunner;
  clock: Clock;
}) => {
  const { repo, registry, runner, clock } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();

  /** A product sees its own jobs and the platform-wide ones; another product's jobs do not exist for it. */
  const visibleIn = (productId: string) => (job: RegisteredJob) =>
    job.productId === PLATFORM_PRODUCT_ID || job.productId === productId;

  const find = (productId: string, name: string): RegisteredJob => {
    const job = registry.get(name);
    if (!job || !visibleIn(productId)(job)) throw new AppError('NOT_FOUND', `Job '${name}' not found`);
    return job;
  };

  const infoOf = async (job: RegisteredJob, doc: JobDefinitionDoc | undefined): Promise<TJobInfo> => ({
    id: job.name,
    name: job.name,
    productId: job.productId,
    description: job.description,
    cron: job.cron,
    schedule: describeCron(job.cron),
    timezone: job.timezone,
    nextRuns: job.schedule.nextN(NEXT_RUNS, clock()).map(iso),
    enabled: doc?.enabled ?? job.enabledByDefault,
    lastRun: doc?.lastRun ?? null,
    timeoutMs: job.timeoutMs,
    retry: job.retry,
    missedRunPolicy: job.missedRunPolicy,
    maxCatchUp: job.maxCatchUp,
    running: await runner.isRunning(job.name),
    duringMaintenance: job.duringMaintenance,
    maintenanceHolds: doc?.holds ?? [],
  });

  const setEnabled = async (productId: string, name: string, enabled: boolean): Promise<TJobInfo> => {
    const job = find(productId, name);
    return infoOf(job, await setJobEnabled(repo, job, enabled, clock()));
  };

  return {
    async list(productId: string): Promise<{ items: TJobInfo[] }> {
      const jobs = registry.list().filter(visibleIn(productId));
      const docs = await repo.listDefinitions([productId, PLATFORM_PRODUCT_ID]);
      const items = await Promise.all(jobs.map((job) => infoOf(job, docs.get(job.name))));
      return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
    },

    async get(productId: string, name: string): Promise<TJobInfo> {
      const job = find(productId, name);
      return infoOf(job, await repo.getDefinition(job.productId, job.name));
    },

    /** Newest first; with `jobName`, within that job's partition. */
    async runs(
      productId: string,
      input: TJobRunsInput,
    ): Promise<{ items: TJobRunSummary[]; nextCursor: string | null }> {
      const job = input.jobName ? find(productId, input.jobName) : undefined;
      const startedAt = {
        ...(input.from ? { gte: iso(Date.parse(input.from)) } : {}),
        ...(input.to ? { lte: iso(Date.parse(input.to)) } : {}),
      };
      const where: Filter<TJobRun> = {
        ...(job ? {} : { productId: { in: [productId, PLATFORM_PRODUCT_ID] } }),
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.trigger ? { trigger: { eq: input.trigger } } : {}),
        ...(input.from || input.to ? { startedAt } : {}),
      };
      const page = await repo.listRuns({
        ...(job ? { partition: runPartition(job.productId, job.name) } : {}),
        where,
        limit: input.limit ?? 50,
        ...(input.cursor ? { continuation: input.cursor } : {}),
      });
      const items = page.items.map((doc) => {
        const { log: _log, ...summary } = withoutSystemFields(doc);
        return summary;
      });
      return { items, nextCursor: page.continuation };
    },

    async getRun(productId: string, rawId: string): Promise<TJobRun> {
      const id = decodeId(rawId);
      const jobName = id.split(':')[0] ?? '';
      const job = registry.get(jobName);
      const doc =
        job && visibleIn(productId)(job) ? await repo.getRun(job.productId, jobName, id) : undefined;
      if (!doc) throw new AppError('NOT_FOUND', `Job run '${id}' not found`);
      return withoutSystemFields(doc);
    },

    async trigger(
      productId: string,
      name: string,
      actor: { id: string; email: string },
      opts: { eventId?: string } = {},
    ): Promise<TJobRun> {
      const job = find(productId, name);
      try {
        return await runner.trigger(job.name, actor, opts);
      } catch (error) {
        throw toAppError(error);
      }
    },
    pause: (productId: string, name: string) => setEnabled(productId, name, false),
    resume: (productId: string, name: string) => setEnabled(productId, name, true),
  };
};

export type JobsService = ReturnType<typeof createJobsService>;
