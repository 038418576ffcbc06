import type { TUserDetail } from '@bytelyst/routers/modules/users/schema';
import { Card } from '~/components/kit/card';
import { RoleBadges, UserStatusBadge } from '~/components/kit/status-badges';
import { formatDateTime, formatRelative } from '~/lib/format';

export function UserProfileCard({ user }: { user: TUserDetail }) {
  return (
    <Card titleId="profile-title" title="Profile">
      <dl className="dl">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>User ID</dt>
        <dd className="mono">{user.id}</dd>
        <dt>Product</dt>
        <dd className="mono">{user.productId}</dd>
        <dt>Status</dt>
        <dd>
          <UserStatusBadge status={user.status} />
        </dd>
        <dt>Roles</dt>
        <dd>
          <RoleBadges roles={user.roles} />
        </dd>
        <dt>Active sessions</dt>
        <dd>{user.activeSessions}</dd>
        <dt>Last sign-in</dt>
        <dd>
          {formatRelative(user.lastLoginAt)}
          {user.lastLoginAt ? <span className="muted"> · {formatDateTime(user.lastLoginAt)}</span> : null}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(user.updatedAt)}</dd>
      </dl>
    </Card>
  );
}
