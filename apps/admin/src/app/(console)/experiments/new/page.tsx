import type { Metadata } from 'next';
import { FLAG_CHOICES_INPUT } from '~/components/experiments/experiments-list';
import { ExperimentWizard } from '~/components/experiments/wizard/experiment-wizard';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'New experiment' };

export default function NewExperimentPage() {
  return (
    <Prefetched
      queries={[{ path: 'experiments.metrics.list' }, { path: 'flags.list', input: FLAG_CHOICES_INPUT }]}
    >
      <ExperimentWizard />
    </Prefetched>
  );
}
