'use client';

import type { TOrgInvitation, TOrgRole } from '@bytelyst/routers/modules/orgs/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { ORG_ROLE_LABELS, ORG_ROLE_OPTIONS } from './roles';

const COLUMNS: readonly Column[] = [
  { label: 'Email' },
  { label: 'Role' },
  { label: 'Expires' },
  { label: 'Actions', className: 'cell-actions' },
];

/** Pending invitations (revocable) and the invite form; the link goes out by mail through delivery. */
export function OrgInvitationsCard({ orgId }: { orgId: string }) {
  const pending = trpc.orgs.invitations.list.useQuery({ orgId, status: 'pending' });
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<TOrgInvitation | null>(null);
  const { values, set, fields, formError, fromApi, clear } = useFormValues({
    email: '',
    role: 'member' as TOrgRole,
  });
  const close = () => {
    clear();
    setInviting(false);
  };
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [
    u.orgs.invitations.list.invalidate({ orgId }),
    u.orgs.getSubscription.invalidate({ orgId }),
  ];
  const invite = trpc.orgs.invitations.create.useMutation(
    useMutationFeedback({
      success: (i) => `An invitation is on its way to ${i.email}.`,
      onDone: close,
      invalidate,
      form: { fromApi },
    }),
  );
  const revoke = trpc.orgs.invitations.revoke.useMutation(
    useMutationFeedback({
      success: (i) => `The invitation to ${i.email} was revoked.`,
      onDone: () => setRevoking(null),
      onFailed: () => setRevoking(null),
      invalidate,
    }),
  );
  return (
    <Card
      titleId="org-invitations-title"
      title="Pending invitations"
      subtitle="Each link works once, until it expires or is revoked."
      bodyClassName="card-body-flush"
      actions={
        <Button size="sm" variant="primary" onClick={() => setInviting(true)}>
          Invite member
        </Button>
      }
    >
      <DataTable
        {...tableStateOf(pending)}
        columns={COLUMNS}
        rows={pending.data?.items ?? []}
        emptyTitle="No pending invitations"
        renderRow={(invitation) => (
          <tr key={invitation.id}>
            <td className="cell-primary">{invitation.email}</td>
            <td>{ORG_ROLE_LABELS[invitation.role]}</td>
            <td className="cell-muted">{formatDate(invitation.expiresAt)}</td>
            <td className="cell-actions">
              <Button
                size="sm"
                aria-label={`Revoke the invitation to ${invitation.email}`}
                onClick={() => setRevoking(invitation)}
              >
                Revoke
              </Button>
            </td>
          </tr>
        )}
      >
        <ConfirmDialog
          open={revoking !== null}
          onClose={() => setRevoking(null)}
          title="Revoke invitation"
          description={`The link mailed to ${revoking?.email ?? ''} stops working.`}
          confirmLabel="Revoke invitation"
          pending={revoke.isPending}
          onConfirm={() => revoking && revoke.mutate({ orgId, invitationId: revoking.id })}
        />
      </DataTable>
      <FormDialog
        open={inviting}
        onClose={close}
        title="Invite member"
        description="A one-time link is mailed to the address; the account that uses it joins with this role."
        formError={formError}
        submitLabel="Send invitation"
        pending={invite.isPending}
        onSubmit={() => invite.mutate({ orgId, email: values.email, role: values.role })}
      >
        <TextField
          label="Email"
          type="email"
          value={values.email}
          onChange={(event) => set('email', event.target.value)}
          error={fields.email}
          required
        />
        <SelectField
          label="Role"
          value={values.role}
          options={ORG_ROLE_OPTIONS}
          onChange={(event) => set('role', event.target.value as TOrgRole)}
          error={fields.role}
        />
      </FormDialog>
    </Card>
  );
}
