import type { Metadata } from 'next';
import { ChangelogAdminView } from '~/components/changelog/changelog-admin-view';

export const metadata: Metadata = { title: 'Changelog' };

/** `?entry=<id>` opens that entry's editor (where the header's search sends a changelog result). */
export default async function ChangelogAdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { entry } = await searchParams;
  return <ChangelogAdminView openEntryId={typeof entry === 'string' ? entry : null} />;
}
