import type { Metadata } from 'next';
import { PolicyView } from '~/components/telemetry/policy-view';

export const metadata: Metadata = { title: 'Telemetry policy' };

export default function TelemetryPolicyPage() {
  return <PolicyView />;
}
