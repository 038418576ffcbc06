import type { Metadata } from 'next';
import { ClientEventsView } from '~/components/telemetry/events-view';

export const metadata: Metadata = { title: 'Telemetry' };

export default function TelemetryPage() {
  return <ClientEventsView />;
}
