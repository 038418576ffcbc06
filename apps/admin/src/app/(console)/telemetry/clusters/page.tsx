import type { Metadata } from 'next';
import { ClustersView } from '~/components/telemetry/clusters-view';

export const metadata: Metadata = { title: 'Error clusters' };

export default function ClustersPage() {
  return <ClustersView />;
}
