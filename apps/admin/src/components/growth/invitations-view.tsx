'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { CreateInvitationDialog } from './create-invitation-dialog';
import { INVITATION_STATUS_LABELS, optionsOf } from './growth-badges';
import { GrowthHeader } from './growth-header';
import { type InvitationFilters as Filters, INVITATIONS_LIST, invitationsListInput } from './growth-lists';
import { InvitationsTable } from './invitations-table';

export function InvitationsView() {
  const [creating, setCreating] = useState(false);
  const { filters, query, changeFilters, pager, page } = useListState(INVITATIONS_LIST);
  const list = trpc.invitations.list.useQuery(invitationsListInput(query, page), KEEP_PREVIOUS);
  return (
    <>
      <GrowthHeader
        tab="invitations"
        actions={<NewButton label="New invitation" onClick={() => setCreating(true)} />}
      />
      <search className="filters">
        <SelectField
          label="Status"
          value={filters.status}
          options={optionsOf(INVITATION_STATUS_LABELS, 'Any status')}
          onChange={(event) => changeFilters({ status: event.target.value as Filters['status'] })}
        />
      </search>
      <section className="card" aria-label="Invitation codes">
        <InvitationsTable invitations={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="codes" />
      </section>
      <CreateInvitationDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
