import type { Metadata } from 'next';
import { LicenseDetailView } from '~/components/licenses/license-detail-view';

export const metadata: Metadata = { title: 'License' };

export default async function LicensePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LicenseDetailView id={decodeURIComponent(id)} />;
}
