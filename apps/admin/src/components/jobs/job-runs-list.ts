import type { TJobRunStatus, TJobTrigger } from '@bytelyst/routers/modules/jobs/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type JobRunFilters = { jobName: string; status: TJobRunStatus | ''; trigger: TJobTrigger | '' };

/** The run history under the jobs table; `runs.` keeps its params apart in the URL. */
export const JOB_RUNS_LIST: ListConfig<JobRunFilters> = {
  defaults: { jobName: '', status: '', trigger: '' },
  pageSize: 20,
  prefix: 'runs',
};

/** The `jobs.listRuns` input of the view and of the server's prefetch. */
export const jobRunsListInput = (filters: JobRunFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});
