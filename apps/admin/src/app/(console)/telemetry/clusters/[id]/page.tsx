import type { Metadata } from 'next';
import { ClusterDetailView } from '~/components/telemetry/cluster-detail-view';

export const metadata: Metadata = { title: 'Error cluster' };

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ClusterDetailView id={decodeURIComponent(id)} />;
}
