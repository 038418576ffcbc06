import type { Metadata } from 'next';
import { HOLDS_INPUT, RUNS_INPUT } from '~/components/retention/inputs';
import { RetentionView } from '~/components/retention/retention-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Retention' };

export default function RetentionPage() {
  return (
    <Prefetched
      queries={[
        { path: 'retention.listPolicies' },
        { path: 'retention.listRuns', input: RUNS_INPUT },
        { path: 'retention.listHolds', input: HOLDS_INPUT },
        { path: 'auth.getMine' },
      ]}
    >
      <RetentionView />
    </Prefetched>
  );
}
