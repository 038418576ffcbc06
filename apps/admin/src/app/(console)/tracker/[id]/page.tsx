import type { Metadata } from 'next';
import { ItemDetailView } from '~/components/tracker/item-detail-view';

export const metadata: Metadata = { title: 'Tracker item' };

export default async function TrackerItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ItemDetailView id={decodeURIComponent(id)} />;
}
