import type { Metadata } from 'next';
import { UserDetailView } from '~/components/users/user-detail-view';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <UserDetailView id={decodeURIComponent(id)} />;
}
