import type { Metadata } from 'next';
import { ExperimentDetailView } from '~/components/experiments/experiment-detail-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Experiment' };

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  return (
    <Prefetched
      queries={[
        { path: 'experiments.get', input: { id } },
        { path: 'experiments.getResults', input: { id } },
      ]}
    >
      <ExperimentDetailView id={id} />
    </Prefetched>
  );
}
