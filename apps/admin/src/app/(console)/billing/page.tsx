import type { Metadata } from 'next';
import { PlansView } from '~/components/billing/plans-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Plans' };

export default function BillingPlansPage() {
  return (
    <Prefetched queries={[{ path: 'plans.listAll' }]}>
      <PlansView />
    </Prefetched>
  );
}
