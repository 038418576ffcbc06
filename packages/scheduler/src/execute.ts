import type { Clock } from '@bytelyst/db/document-store';
import type { JobContext, JobMetrics, RegisteredJob, RetryPolicy } from './definition';
import { createRunLog, errorMessage, type RunLog } from './run-log';
import type { TJobLogLine, TJobTrigger } from './schema';

/** The slice of a pino logger the runner uses; Fastify's logger fits. */
export type RunnerLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export const NOOP_LOGGER: RunnerLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Waits `ms`, rejecting early when `signal` aborts; tests pass one that returns at once. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export type ExecuteDeps = { clock: Clock; random: () => number; sleep: Sleep; logger: RunnerLogger };

export type RunOutcome = {
  status: 'succeeded' | 'failed' | 'timed_out';
  attempt: number;
  error: string | null;
  metrics: JobMetrics;
  log: TJobLogLine[];
};

type AttemptResult = { status: RunOutcome['status']; error: string | null; metrics: JobMetrics };

/** Exponential backoff with "equal jitter": between half and all of the nominal wait. */
export const backoffDelay = (retry: RetryPolicy, attempt: number, random: () => number): number => {
  const nominal = retry.backoffMs * retry.factor ** (attempt - 1);
  return Math.round(nominal / 2 + (random() * nominal) / 2);
};

const cleanMetrics = (metrics: unknown): JobMetrics => {
  if (!metrics || typeof metrics !== 'object') return {};
  return Object.fromEntries(
    Object.entries(metrics).filter((entry): entry is [string, number] => Number.isFinite(entry[1])),
  );
};

const attemptOnce = async (
  job: RegisteredJob,
  ctx: Omit<JobContext, 'signal' | 'attempt'>,
  attempt: number,
  stopSignal: AbortSignal,
): Promise<AttemptResult> => {
  const controller = new AbortController();
  const onStop = () => controller.abort(stopSignal.reason);
  stopSignal.addEventListener('abort', onStop, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), job.timeoutMs);
  });
  try {
    // A job that ignores its signal keeps running detached; the race still ends the attempt on time.
    const work = Promise.resolve().then(() => job.run({ ...ctx, signal: controller.signal, attempt }));
    const result = await Promise.race([work, timedOut]);
    if (result === 'timeout') {
      controller.abort(new Error(`Timed out after ${job.timeoutMs} ms`));
      return { status: 'timed_out', error: `Timed out after ${job.timeoutMs} ms`, metrics: {} };
    }
    return { status: 'succeeded', error: null, metrics: cleanMetrics(result) };
  } catch (error) {
    return { status: 'failed', error: errorMessage(error), metrics: {} };
  } finally {
    clearTimeout(timer);
    stopSignal.removeEventListener('abort', onStop);
  }
};

/**
 * Runs the attempts of one run: each with its own timeout, retried with backoff until one succeeds, the
 * attempts are used up or the runner stops. Writes nothing; the caller records the outcome.
 */
export const executeRun = async (
  job: RegisteredJob,
  run: { id: string; slotAt: string | null; trigger: TJobTrigger },
  deps: ExecuteDeps,
  stopSignal: AbortSignal,
): Promise<RunOutcome> => {
  const runLog: RunLog = createRunLog(deps.clock);
  const ctx: Omit<JobContext, 'signal' | 'attempt'> = {
    runId: run.id,
    slotAt: run.slotAt,
    trigger: run.trigger,
    now: deps.clock,
    log: (level, message, fields) => {
      const line = runLog.add(level, message, fields);
      deps.logger[level]({ ...line.fields, job: job.name, runId: run.id }, line.message);
    },
  };
  let attempt = 1;
  for (;;) {
    const result = await attemptOnce(job, ctx, attempt, stopSignal);
    const last = result.status === 'succeeded' || attempt >= job.retry.maxAttempts || stopSignal.aborted;
    if (last) return { ...result, attempt, log: runLog.lines() };
    const delay = backoffDelay(job.retry, attempt, deps.random);
    ctx.log('warn', `Attempt ${attempt} ${result.status}; retrying in ${delay} ms`, { error: result.error });
    try {
      await deps.sleep(delay, stopSignal);
    } catch {
      // Stopping cut the wait short: the attempt just made stands as the outcome.
      return { ...result, attempt, log: runLog.lines() };
    }
    attempt += 1;
  }
};
