import type { JobSchedule } from './schedule';
import type { TJobLogLevel, TJobTrigger, TMissedRunPolicy } from './schema';

export type JobMetrics = Record<string, number>;

/** What a job's `run` receives for one attempt. */
export type JobContext = {
  /** Aborted when the attempt times out or the runner stops; long jobs check it between units of work. */
  signal: AbortSignal;
  /** Kept with the run (last 100 lines) and forwarded to the process logger. */
  log(level: TJobLogLevel, message: string, fields?: Record<string, unknown>): void;
  runId: string;
  /** The slot (ISO) this run stands for; null for a manual run. */
  slotAt: string | null;
  /** 1 on the first attempt of this run. */
  attempt: number;
  trigger: TJobTrigger;
  /** The runner's clock (epoch ms). */
  now(): number;
};

export type RetryPolicy = {
  /** Attempts per run, including the first. */
  maxAttempts: number;
  /** Wait before the second attempt; later waits grow by `factor` (with jitter). */
  backoffMs: number;
  factor: number;
};

/** What a module registers; everything but name, cron and run has a default. */
export type JobDefinition = {
  /** Kebab-case and unique across the platform. */
  name: string;
  /** croner syntax, 5 fields or 6 with leading seconds. */
  cron: string;
  /** IANA zone the cron is read in. Default 'UTC'. */
  timezone?: string;
  description?: string;
  /** Per attempt. Default 5 minutes. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** What happens to slots missed while no instance ran the schedule. Default 'once'. */
  missedRunPolicy?: TMissedRunPolicy;
  /** With 'all': at most this many (the latest) missed slots run. Default 10. */
  maxCatchUp?: number;
  enabledByDefault?: boolean;
  /**
   * Keeps running while its product is in maintenance (the maintenance window job, delivery's release of held
   * sends). Default false: the coordinated maintenance switch holds the job and, on leaving, it catches up by
   * its missed-run policy.
   */
  duringMaintenance?: boolean;
  /** Default '*': platform-wide. */
  productId?: string;
  /** Returns the run's metrics, e.g. `{ itemsProcessed: 12 }`. */
  run(ctx: JobContext): Promise<JobMetrics | undefined>;
};

/** A definition with its defaults applied and its schedule compiled. */
export type RegisteredJob = Required<Omit<JobDefinition, 'retry'>> & {
  retry: RetryPolicy;
  schedule: JobSchedule;
};

export const JOB_DEFAULTS = {
  timezone: 'UTC',
  timeoutMs: 5 * 60_000,
  retry: { maxAttempts: 3, backoffMs: 1000, factor: 2 },
  missedRunPolicy: 'once',
  maxCatchUp: 10,
} as const;
