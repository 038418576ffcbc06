import type { Metadata } from 'next';
import { FlagsView } from '~/components/flags/flags-view';

export const metadata: Metadata = { title: 'Feature flags' };

export default function FlagsPage() {
  return <FlagsView />;
}
