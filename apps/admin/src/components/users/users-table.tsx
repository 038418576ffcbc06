'use client';

import type { TUser } from '@bytelyst/routers/modules/users/schema';
import Link from 'next/link';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { RoleBadges, UserStatusBadge } from '~/components/kit/status-badges';
import { formatDate, formatRelative } from '~/lib/format';
import type { Selection } from '../exports/use-selection';
import { isRole, primaryRole, ROLE_OPTIONS } from './roles';
import { useUserMutations } from './use-user-mutations';
import { EmailVerifiedBadge } from './user-email-verification';

const COLUMNS: readonly Column[] = [
  { label: 'User' },
  { label: 'Email' },
  { label: 'Roles' },
  { label: 'Status' },
  { label: 'Last sign-in' },
  { label: 'Created' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  users: readonly TUser[];
  filtered: boolean;
  /** With it, each row has a checkbox for bulk operations. */
  selection?: Selection;
};

export function UsersTable({ users, filtered, selection, ...state }: Props) {
  const mutations = useUserMutations();
  return (
    <DataTable
      {...state}
      columns={selection ? [{ label: 'Select' }, ...COLUMNS] : COLUMNS}
      rows={users}
      emptyTitle={filtered ? 'No users match these filters' : 'No users yet'}
      emptyHint={
        filtered ? 'Try another search or clear the filters.' : 'Create the first one with New user.'
      }
      renderRow={(user) => {
        const busy = mutations.pendingId === user.id;
        return (
          <tr key={user.id}>
            {selection ? (
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${user.email}`}
                  checked={selection.has(user.id)}
                  onChange={() => selection.toggle(user.id)}
                />
              </td>
            ) : null}
            <td>
              <Link href={`/users/${encodeURIComponent(user.id)}`} className="cell-primary">
                {user.email}
              </Link>
              <div className="cell-secondary">{user.name}</div>
            </td>
            <td>
              <EmailVerifiedBadge verified={user.emailVerified} />
            </td>
            <td>
              <RoleBadges roles={user.roles} />
            </td>
            <td>
              <UserStatusBadge status={user.status} />
            </td>
            <td className="cell-muted">{formatRelative(user.lastLoginAt)}</td>
            <td className="cell-muted">{formatDate(user.createdAt)}</td>
            <td className="cell-actions">
              <div className="row" style={{ justifyContent: 'flex-end' }}>
                <select
                  className="select select-sm"
                  style={{ width: 140 }}
                  aria-label={`Role for ${user.email}`}
                  value={primaryRole(mutations.pendingRoles(user.id) ?? user.roles)}
                  disabled={busy}
                  onChange={(event) => {
                    const role = event.target.value;
                    if (isRole(role)) mutations.setRoles(user.id, [role]);
                  }}
                >
                  {ROLE_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {user.status === 'active' ? (
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`Disable ${user.email}`}
                    onClick={() => mutations.disable(user.id)}
                  >
                    Disable
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`Enable ${user.email}`}
                    onClick={() => mutations.enable(user.id)}
                  >
                    Enable
                  </Button>
                )}
              </div>
            </td>
          </tr>
        );
      }}
    />
  );
}
