import type { Metadata } from 'next';
import { OrgDetailView } from '~/components/orgs/org-detail-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Organization' };

export default async function OrgPage({ params }: { params: Promise<{ id: string }> }) {
  const orgId = decodeURIComponent((await params).id);
  return (
    <Prefetched
      queries={[
        { path: 'orgs.get', input: { orgId } },
        { path: 'orgs.members.list', input: { orgId } },
        { path: 'orgs.teams.list', input: { orgId } },
        { path: 'orgs.invitations.list', input: { orgId, status: 'pending' } },
        { path: 'orgs.getSubscription', input: { orgId } },
        { path: 'orgs.getUsage', input: { orgId } },
      ]}
    >
      <OrgDetailView id={orgId} />
    </Prefetched>
  );
}
