import type { Metadata } from 'next';
import { JobRunView } from '~/components/jobs/job-run-view';

export const metadata: Metadata = { title: 'Job run' };

export default async function JobRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JobRunView id={decodeURIComponent(id)} />;
}
