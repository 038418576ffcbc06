'use client';

import Link from 'next/link';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { UserStatusBadge } from '~/components/kit/status-badges';
import { trpc } from '~/lib/trpc';
import { UserSubscriptionCard } from '../billing/user-subscription-card';
import { ViewAsUserButton } from '../impersonation/view-as-button';
import { UserLicensesCard } from '../licenses/user-licenses-card';
import { UserMemoryCard } from '../memory/user-memory-card';
import { UserDevicesCard } from '../notifications/user-devices-card';
import { UserOrgsCard } from '../orgs/user-orgs-card';
import { UserSessionsCard } from '../sessions/user-sessions-card';
import { UserUsageCard } from '../usage/user-usage-card';
import { UserAvatarCard } from './user-avatar-card';
import { UserDangerZone } from './user-danger-zone';
import { UserEmailVerification } from './user-email-verification';
import { UserProfileCard } from './user-profile-card';
import { UserRolesEditor } from './user-roles-editor';

export function UserDetailView({ id, memory }: { id: string; memory?: string | undefined }) {
  const user = trpc.users.get.useQuery({ id });
  const breadcrumb = (
    <>
      <Link href="/users">Users</Link>
      <span aria-hidden="true">/</span>
      <span>{user.data?.email ?? id}</span>
    </>
  );

  const state = detailState(user, {
    noun: 'User',
    breadcrumb,
    notFound: {
      title: 'This user does not exist in the selected product',
      body: (
        <>
          It may have been deleted, or it belongs to another product. <Link href="/users">Back to users</Link>
        </>
      ),
    },
  });
  if (state || !user.data) return state;
  const data = user.data;
  return (
    <>
      <PageHeader
        title={data.name || data.email}
        description={
          <span className="row">
            {data.email} <UserStatusBadge status={data.status} />
          </span>
        }
        breadcrumb={breadcrumb}
        actions={<ViewAsUserButton user={data} />}
      />
      <div className="grid grid-2">
        <UserProfileCard user={data} />
        <UserRolesEditor user={data} />
      </div>
      <UserAvatarCard userId={data.id} />
      <UserEmailVerification user={data} />
      <div className="grid grid-halves">
        <UserSubscriptionCard userId={data.id} />
        <UserUsageCard userId={data.id} />
      </div>
      <UserOrgsCard userId={data.id} />
      <UserLicensesCard userId={data.id} />
      <UserDevicesCard userId={data.id} />
      <UserSessionsCard userId={data.id} />
      <UserMemoryCard userId={data.id} highlight={memory} />
      <UserDangerZone user={data} />
    </>
  );
}
