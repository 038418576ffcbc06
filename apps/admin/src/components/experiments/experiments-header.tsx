import type { ReactNode } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';

export type ExperimentsTab = 'experiments' | 'metrics';

const DESCRIPTIONS: Record<ExperimentsTab, string> = {
  experiments:
    'A/B tests of the selected product: units are assigned as the GrowthBook SDKs assign them, and results compare every variant with control.',
  metrics:
    'What experiments measure, over telemetry events and usage records: conversions, counts, sums and ratios, each with the direction that is better.',
};

export function ExperimentsHeader({ tab, actions }: { tab: ExperimentsTab; actions?: ReactNode }) {
  return (
    <>
      <PageHeader title="Experiments" description={DESCRIPTIONS[tab]} actions={actions} />
      <TabNav
        label="Experiments views"
        tabs={[
          { href: '/experiments', label: 'Experiments', current: tab === 'experiments' },
          { href: '/experiments/metrics', label: 'Metrics', current: tab === 'metrics' },
        ]}
      />
    </>
  );
}
