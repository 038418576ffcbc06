import type { Metadata } from 'next';
import { LicensesView } from '~/components/licenses/licenses-view';

export const metadata: Metadata = { title: 'Licenses' };

export default function LicensesPage() {
  return <LicensesView />;
}
