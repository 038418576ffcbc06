'use client';

import Link from 'next/link';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { OrgSubscriptionCard, OrgUsageCard } from './org-billing-cards';
import { OrgInvitationsCard } from './org-invitations-card';
import { OrgMembersCard } from './org-members-card';
import { OrgTeamsCard } from './org-teams-card';

export function OrgDetailView({ id }: { id: string }) {
  const org = trpc.orgs.get.useQuery({ orgId: id });
  const breadcrumb = (
    <>
      <Link href="/orgs">Organizations</Link>
      <span aria-hidden="true">/</span>
      <span>{org.data?.name ?? id}</span>
    </>
  );
  const state = detailState(org, {
    noun: 'Organization',
    breadcrumb,
    notFound: {
      title: 'This organization does not exist in the selected product',
      body: (
        <>
          It may belong to another product. <Link href="/orgs">Back to organizations</Link>
        </>
      ),
    },
  });
  if (state || !org.data) return state;
  const data = org.data;
  return (
    <>
      <PageHeader
        title={data.name}
        description={
          <span className="row">
            {data.memberCount} {data.memberCount === 1 ? 'member' : 'members'}, {data.teamCount}{' '}
            {data.teamCount === 1 ? 'team' : 'teams'}; created {formatDate(data.createdAt)} by{' '}
            <UserRef userId={data.createdBy} />
          </span>
        }
        breadcrumb={breadcrumb}
      />
      <OrgMembersCard orgId={data.id} />
      <OrgInvitationsCard orgId={data.id} />
      <OrgTeamsCard orgId={data.id} />
      <div className="grid grid-halves">
        <OrgSubscriptionCard orgId={data.id} />
        <OrgUsageCard orgId={data.id} />
      </div>
    </>
  );
}
