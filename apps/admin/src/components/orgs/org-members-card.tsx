'use client';

import type { TOrgMember, TOrgRole } from '@bytelyst/routers/modules/orgs/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { ORG_ROLE_LABELS, ORG_ROLE_OPTIONS } from './roles';

const COLUMNS: readonly Column[] = [
  { label: 'Member' },
  { label: 'Name' },
  { label: 'Role' },
  { label: 'Joined' },
  { label: 'Actions', className: 'cell-actions' },
];

/** Members with their role (changed in place) and removal; the last owner's refusal comes from the API. */
export function OrgMembersCard({ orgId }: { orgId: string }) {
  const members = trpc.orgs.members.list.useQuery({ orgId });
  const [removing, setRemoving] = useState<TOrgMember | null>(null);
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [
    u.orgs.members.list.invalidate({ orgId }),
    u.orgs.get.invalidate({ orgId }),
    u.orgs.getSubscription.invalidate({ orgId }),
  ];
  const update = trpc.orgs.members.update.useMutation(
    useMutationFeedback({
      success: (m) => `${m.email} is now ${ORG_ROLE_LABELS[m.role].toLowerCase()}.`,
      invalidate,
    }),
  );
  const remove = trpc.orgs.members.delete.useMutation(
    useMutationFeedback({
      success: `${removing?.email ?? 'The member'} was removed.`,
      onDone: () => setRemoving(null),
      invalidate,
      onFailed: () => setRemoving(null),
    }),
  );
  const count = members.data?.items.length;
  return (
    <Card
      titleId="org-members-title"
      title="Members"
      subtitle={count === undefined ? undefined : `${count} ${count === 1 ? 'member' : 'members'}`}
      bodyClassName="card-body-flush"
    >
      <DataTable
        {...tableStateOf(members)}
        columns={COLUMNS}
        rows={members.data?.items ?? []}
        emptyTitle="No members"
        renderRow={(member) => (
          <tr key={member.userId}>
            <td className="cell-primary">
              <UserRef userId={member.userId} />
            </td>
            <td>{member.name || <span className="muted">—</span>}</td>
            <td>
              <select
                className="select select-sm"
                aria-label={`Role of ${member.email}`}
                value={member.role}
                disabled={update.isPending}
                onChange={(event) =>
                  update.mutate({ orgId, userId: member.userId, role: event.target.value as TOrgRole })
                }
              >
                {ORG_ROLE_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </td>
            <td className="cell-muted">{formatDate(member.joinedAt)}</td>
            <td className="cell-actions">
              <Button size="sm" aria-label={`Remove ${member.email}`} onClick={() => setRemoving(member)}>
                Remove
              </Button>
            </td>
          </tr>
        )}
      >
        <ConfirmDialog
          open={removing !== null}
          onClose={() => setRemoving(null)}
          title="Remove member"
          description={`${removing?.email ?? ''} leaves the organization and its teams. The last owner cannot be removed.`}
          confirmLabel="Remove member"
          pending={remove.isPending}
          onConfirm={() => removing && remove.mutate({ orgId, userId: removing.userId })}
        />
      </DataTable>
    </Card>
  );
}
