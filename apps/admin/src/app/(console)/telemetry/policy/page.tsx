import type { Metadata } from 'next';
import { PolicyView } from '~/components/telemetry/policy-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Telemetry policy' };

export default function TelemetryPolicyPage() {
  return (
    <Prefetched queries={[{ path: 'telemetry.policy.get' }]}>
      <PolicyView />
    </Prefetched>
  );
}
