'use client';

import Link from 'next/link';
import { httpStatusOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { PageHeader } from '../page-header';
import { EmptyState, ErrorState } from '../states';
import { UserStatusBadge } from '../status-badges';
import { UserDangerZone } from './user-danger-zone';
import { UserProfileCard } from './user-profile-card';
import { UserRolesEditor } from './user-roles-editor';

export function UserDetailView({ id }: { id: string }) {
  const user = trpc.users.get.useQuery({ id });
  const breadcrumb = (
    <>
      <Link href="/users">Users</Link>
      <span aria-hidden="true">/</span>
      <span>{user.data?.email ?? id}</span>
    </>
  );

  if (httpStatusOf(user.error) === 404) {
    return (
      <>
        <PageHeader title="User not found" breadcrumb={breadcrumb} />
        <div className="card">
          <EmptyState title="This user does not exist in the selected product">
            It may have been deleted, or it belongs to another product.{' '}
            <Link href="/users">Back to users</Link>
          </EmptyState>
        </div>
      </>
    );
  }
  if (user.error) {
    return (
      <>
        <PageHeader title="User" breadcrumb={breadcrumb} />
        <div className="card">
          <ErrorState error={user.error} onRetry={() => void user.refetch()} />
        </div>
      </>
    );
  }
  if (!user.data) {
    return (
      <>
        <PageHeader title="Loading user…" breadcrumb={breadcrumb} />
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '60%' }} />
          <span className="skeleton" style={{ width: '30%' }} />
        </div>
      </>
    );
  }
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
      />
      <div className="grid grid-2">
        <UserProfileCard user={data} />
        <UserRolesEditor user={data} />
      </div>
      <UserDangerZone user={data} />
    </>
  );
}
