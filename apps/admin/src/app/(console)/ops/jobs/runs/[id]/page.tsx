import type { Metadata } from 'next';
import { JobRunView } from '~/components/jobs/job-run-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Job run' };

export default async function JobRunPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  return (
    <Prefetched queries={[{ path: 'jobs.getRun', input: { id } }]}>
      <JobRunView id={id} />
    </Prefetched>
  );
}
