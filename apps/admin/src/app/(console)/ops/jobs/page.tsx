import type { Metadata } from 'next';
import { JOB_RUNS_LIST, jobRunsListInput } from '~/components/jobs/job-runs-list';
import { JobsView } from '~/components/jobs/jobs-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={JOB_RUNS_LIST}
      queries={(filters, page) => [
        { path: 'jobs.list' },
        { path: 'auth.getMine' },
        { path: 'jobs.listRuns', input: jobRunsListInput(filters, page) },
      ]}
    >
      <JobsView />
    </PrefetchedList>
  );
}
