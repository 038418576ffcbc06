import type { Metadata } from 'next';
import { DeliveryDetailView } from '~/components/delivery/delivery-detail-view';

export const metadata: Metadata = { title: 'Message' };

export default async function DeliveryMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeliveryDetailView id={decodeURIComponent(id)} />;
}
