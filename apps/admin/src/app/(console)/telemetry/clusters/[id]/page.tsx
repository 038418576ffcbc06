import type { Metadata } from 'next';
import { ClusterDetailView } from '~/components/telemetry/cluster-detail-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Error cluster' };

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  return (
    <Prefetched queries={[{ path: 'telemetry.clusters.get', input: { id } }]}>
      <ClusterDetailView id={id} />
    </Prefetched>
  );
}
