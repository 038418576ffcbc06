'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { TEAM_ROLE_LABELS } from './roles';

const COLUMNS: readonly Column[] = [{ label: 'Team' }, { label: 'Members' }];

/** The org's teams with their members and team roles; owners and admins create them. */
export function OrgTeamsCard({ orgId }: { orgId: string }) {
  const teams = trpc.orgs.teams.list.useQuery({ orgId });
  const [creating, setCreating] = useState(false);
  const { values, set, fields, formError, fromApi, clear } = useFormValues({ name: '' });
  const close = () => {
    clear();
    setCreating(false);
  };
  const create = trpc.orgs.teams.create.useMutation(
    useMutationFeedback({
      success: (team) => `Team ${team.name} was created.`,
      onDone: close,
      invalidate: (u) => [u.orgs.teams.list.invalidate({ orgId }), u.orgs.get.invalidate({ orgId })],
      form: { fromApi },
    }),
  );
  return (
    <Card
      titleId="org-teams-title"
      title="Teams"
      subtitle="Maintainers manage a team; the organization's owners and admins manage every team."
      bodyClassName="card-body-flush"
      actions={
        <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
          New team
        </Button>
      }
    >
      <DataTable
        {...tableStateOf(teams)}
        columns={COLUMNS}
        rows={teams.data?.items ?? []}
        emptyTitle="No teams yet"
        renderRow={(team) => (
          <tr key={team.id}>
            <td className="cell-primary">{team.name}</td>
            <td>
              {team.members.length === 0 ? (
                <span className="muted">Nobody yet</span>
              ) : (
                <div className="stack-tight">
                  {team.members.map((m) => (
                    <span key={m.userId}>
                      <UserRef userId={m.userId} />{' '}
                      <span className="muted">({TEAM_ROLE_LABELS[m.role]})</span>
                    </span>
                  ))}
                </div>
              )}
            </td>
          </tr>
        )}
      />
      <FormDialog
        open={creating}
        onClose={close}
        title="New team"
        description="You maintain the team you create when you are a member of the organization."
        formError={formError}
        submitLabel="Create team"
        pending={create.isPending}
        onSubmit={() => create.mutate({ orgId, name: values.name })}
      >
        <TextField
          label="Team name"
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          error={fields.name}
          required
        />
      </FormDialog>
    </Card>
  );
}
