import type { Clock, Filter } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import type { RegisteredJob } from './definition';
import { describeCron } from './describe-cron';
import { newDefinitionDoc } from './evaluate';
import type { JobRegistry } from './registry';
import { type JobDefinitionDoc, type JobsRepository, runPartition } from './repository';
import type { JobRunner } from './runner';
import {
  PLATFORM_PRODUCT_ID,
  type TJobInfo,
  type TJobRun,
  type TJobRunSummary,
  type TJobRunsInput,
} from './schema';

const NEXT_RUNS = 5;

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
  });

  /** Pause and resume write the definition directly: the leader reads it each time the job is due. */
  const setEnabled = async (productId: string, name: string, enabled: boolean): Promise<TJobInfo> => {
    const job = find(productId, name);
    const now = clock();
    const doc = await repo.updateDefinition(job.productId, job.name, (current) => {
      const base = current ?? newDefinitionDoc(job, now);
      if (current && current.enabled === enabled) return null;
      // On resume the paused period counts as evaluated, so it is not replayed as missed runs.
      return { ...base, enabled, ...(enabled ? { lastSlotAt: iso(now) } : {}), updatedAt: iso(now) };
    });
    return infoOf(job, doc);
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

    async trigger(productId: string, name: string, actor: { id: string; email: string }): Promise<TJobRun> {
      return runner.trigger(find(productId, name).name, actor);
    },
    pause: (productId: string, name: string) => setEnabled(productId, name, false),
    resume: (productId: string, name: string) => setEnabled(productId, name, true),
  };
};

export type JobsService = ReturnType<typeof createJobsService>;
