import type { Metadata } from 'next';
import { BlobsView } from '~/components/blobs/blobs-view';

export const metadata: Metadata = { title: 'Blob storage' };

export default function BlobsPage() {
  return <BlobsView />;
}
