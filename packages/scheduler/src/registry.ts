import { JOB_DEFAULTS, type JobDefinition, type RegisteredJob } from './definition';
import { SchedulerError } from './errors';
import { createSchedule, type JobSchedule } from './schedule';
import { JOB_NAME_PATTERN, PLATFORM_PRODUCT_ID, PRODUCT_ID_PATTERN } from './schema';

/** `runs` would shadow the REST path /jobs/runs. */
const RESERVED_NAMES = new Set(['runs']);

const invalid = (name: string, message: string) =>
  new SchedulerError('invalid_definition', `Job '${name}': ${message}`, {
    fields: [{ path: name, message }],
  });

const positiveInt = (name: string, field: string, value: number, min = 1) => {
  if (!Number.isInteger(value) || value < min) throw invalid(name, `${field} must be an integer >= ${min}`);
  return value;
};

/** Compiling a cron (and checking its zone) costs ~0.1 ms: jobs with the same pattern and zone share one. */
type ScheduleCache = Map<string, JobSchedule>;

const compile = (cache: ScheduleCache, name: string, cron: string, timezone: string): JobSchedule => {
  const key = `${timezone} ${cron}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let schedule: JobSchedule;
  try {
    schedule = createSchedule(cron, timezone);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(name, `invalid cron '${cron}' or timezone '${timezone}': ${reason}`);
  }
  if (schedule.next(Date.UTC(2026, 0, 1)) === null) throw invalid(name, `cron '${cron}' never fires`);
  cache.set(key, schedule);
  return schedule;
};

const resolve = (def: JobDefinition, cache: ScheduleCache): RegisteredJob => {
  const { name } = def;
  if (!JOB_NAME_PATTERN.test(name) || name.length > 64 || RESERVED_NAMES.has(name)) {
    throw invalid(name, 'the name must be kebab-case (at most 64 characters) and not reserved');
  }
  const timezone = def.timezone ?? JOB_DEFAULTS.timezone;
  // Each job gets its own object over the shared functions, so one job's schedule can be wrapped alone.
  const schedule = { ...compile(cache, name, def.cron, timezone) };
  const productId = def.productId ?? PLATFORM_PRODUCT_ID;
  if (productId !== PLATFORM_PRODUCT_ID && !PRODUCT_ID_PATTERN.test(productId)) {
    throw invalid(name, `productId '${productId}' is neither '*' nor a product slug`);
  }
  const retry = { ...JOB_DEFAULTS.retry, ...def.retry };
  if (!(retry.backoffMs >= 0) || !(retry.factor >= 1)) {
    throw invalid(name, 'retry.backoffMs must be >= 0 and retry.factor >= 1');
  }
  return {
    name,
    cron: def.cron,
    timezone,
    description: def.description ?? '',
    timeoutMs: positiveInt(name, 'timeoutMs', def.timeoutMs ?? JOB_DEFAULTS.timeoutMs),
    retry: { ...retry, maxAttempts: positiveInt(name, 'retry.maxAttempts', retry.maxAttempts) },
    missedRunPolicy: def.missedRunPolicy ?? JOB_DEFAULTS.missedRunPolicy,
    maxCatchUp: positiveInt(name, 'maxCatchUp', def.maxCatchUp ?? JOB_DEFAULTS.maxCatchUp),
    enabledByDefault: def.enabledByDefault ?? true,
    duringMaintenance: def.duringMaintenance ?? false,
    productId,
    run: def.run,
    schedule,
  };
};

/** The named jobs of this process. Register at start-up; a bad definition throws at once. */
export const createJobRegistry = () => {
  const jobs = new Map<string, RegisteredJob>();
  const schedules: ScheduleCache = new Map();
  return {
    register(def: JobDefinition): RegisteredJob {
      if (jobs.has(def.name)) {
        throw new SchedulerError('duplicate_job', `Job '${def.name}' is already registered`);
      }
      const job = resolve(def, schedules);
      jobs.set(job.name, job);
      return job;
    },
    get: (name: string): RegisteredJob | undefined => jobs.get(name),
    list: (): RegisteredJob[] => [...jobs.values()],
    size: (): number => jobs.size,
  };
};

export type JobRegistry = ReturnType<typeof createJobRegistry>;
