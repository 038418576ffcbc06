import type { TProductStatus } from '@bytelyst/routers/modules/products/schema';
import type { TRole, TUserStatus } from '@bytelyst/routers/modules/users/schema';
import { Badge, type Tone } from './badge';

const PRODUCT_TONES: Record<TProductStatus, Tone> = {
  draft: 'neutral',
  pre_launch: 'info',
  beta: 'accent',
  active: 'success',
  sunset: 'warning',
  disabled: 'danger',
};

export const PRODUCT_STATUS_LABELS: Record<TProductStatus, string> = {
  draft: 'Draft',
  pre_launch: 'Pre-launch',
  beta: 'Beta',
  active: 'Active',
  sunset: 'Sunset',
  disabled: 'Disabled',
};

export function ProductStatusBadge({ status }: { status: TProductStatus }) {
  return (
    <Badge tone={PRODUCT_TONES[status]} dot>
      {PRODUCT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function UserStatusBadge({ status }: { status: TUserStatus }) {
  return (
    <Badge tone={status === 'active' ? 'success' : 'danger'} dot>
      {status === 'active' ? 'Active' : 'Disabled'}
    </Badge>
  );
}

export const ROLE_LABELS: Record<TRole, string> = {
  user: 'User',
  admin: 'Admin',
  super_admin: 'Super admin',
};

export function RoleBadges({ roles }: { roles: readonly TRole[] }) {
  return (
    <span className="badge-list">
      {roles.map((role) => (
        <Badge key={role} tone={role === 'user' ? 'neutral' : 'accent'}>
          {ROLE_LABELS[role]}
        </Badge>
      ))}
    </span>
  );
}
