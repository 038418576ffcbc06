import type { Metadata } from 'next';
import { LicenseDetailView } from '~/components/licenses/license-detail-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'License' };

export default async function LicensePage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  // The holder's email (UserRef) needs the license first; it loads in the browser.
  return (
    <Prefetched queries={[{ path: 'licenses.get', input: { id } }]}>
      <LicenseDetailView id={id} />
    </Prefetched>
  );
}
