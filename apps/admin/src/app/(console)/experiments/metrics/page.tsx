import type { Metadata } from 'next';
import { MetricsView } from '~/components/experiments/metrics-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Experiment metrics' };

export default function ExperimentMetricsPage() {
  return (
    <Prefetched queries={[{ path: 'experiments.metrics.list' }]}>
      <MetricsView />
    </Prefetched>
  );
}
