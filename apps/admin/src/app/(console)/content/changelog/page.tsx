import type { Metadata } from 'next';
import { ChangelogAdminView } from '~/components/changelog/changelog-admin-view';

export const metadata: Metadata = { title: 'Changelog' };

export default function ChangelogAdminPage() {
  return <ChangelogAdminView />;
}
