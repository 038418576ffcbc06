import type { Metadata } from 'next';
import { InvitationsView } from '~/components/growth/invitations-view';

export const metadata: Metadata = { title: 'Invitations' };

export default function GrowthInvitationsPage() {
  return <InvitationsView />;
}
