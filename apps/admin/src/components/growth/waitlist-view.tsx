'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { optionsOf, WAITLIST_STATUS_LABELS } from './growth-badges';
import {
  type WaitlistFilters as Filters,
  WAITLIST_LIST,
  waitlistListInput,
  waitlistMatch,
} from './growth-lists';
import { InviteNextDialog } from './invite-next-dialog';
import { percent, StatGrid } from './stat-grid';
import { WaitlistTable } from './waitlist-table';

export function WaitlistView() {
  const [inviting, setInviting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { filters, query, changeFilters, pager, page } = useListState(WAITLIST_LIST);
  // `query` is `filters` with the typed email settled, so the export matches the rows on screen.
  const server = waitlistMatch(query);
  const list = trpc.waitlist.list.useQuery(waitlistListInput(query, page), KEEP_PREVIOUS);
  const stats = trpc.waitlist.stats.useQuery();
  const invite = trpc.waitlist.invite.useMutation(
    useMutationFeedback({
      success: ({ invited: { length: n }, skipped }) =>
        `Invited ${n} ${n === 1 ? 'person' : 'people'}${skipped.length ? `; ${skipped.length} skipped` : ''}.`,
      onDone: () => setSelected(new Set()),
      invalidate: (u) => [u.waitlist.list.invalidate(), u.waitlist.stats.invalidate()],
    }),
  );

  const change = (next: Filters) => {
    setSelected(new Set());
    changeFilters(next);
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const waitingIds = (list.data?.items ?? []).filter((e) => e.status === 'waiting').map((e) => e.id);
  const allOn = waitingIds.length > 0 && waitingIds.every((id) => selected.has(id));
  const exportQuery = new URLSearchParams(server as Record<string, string>).toString();
  const data = stats.data;

  return (
    <>
      <PageHeader
        title="Waitlist"
        description="People waiting for access, in the order they joined. Invite them in batches; each gets a single-use code."
        actions={
          <>
            <a className="btn" href={`/api/waitlist/export${exportQuery ? `?${exportQuery}` : ''}`} download>
              <Icon name="down" size={14} />
              Download CSV
            </a>
            <Button variant="primary" onClick={() => setInviting(true)}>
              <Icon name="gift" size={14} />
              Invite next…
            </Button>
          </>
        }
      />
      <StatGrid
        label="Waitlist counts"
        error={stats.error}
        onRetry={() => void stats.refetch()}
        stats={[
          { label: 'Waiting', value: data?.waiting, hint: 'In line for an invitation' },
          { label: 'Invited', value: data?.invited, hint: 'Sent a code, not joined yet' },
          { label: 'Joined', value: data?.joined, hint: 'Registered or redeemed' },
          { label: 'Conversion', value: percent(data?.conversionRate), hint: 'Joined of everyone invited' },
        ]}
      />
      <search className="filters">
        <SelectField
          label="Status"
          value={filters.status}
          options={optionsOf(WAITLIST_STATUS_LABELS, 'Any status')}
          onChange={(event) => change({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <TextField
          className="field-grow"
          label="Email"
          type="search"
          placeholder="Part of an email address"
          value={filters.search}
          onChange={(event) => change({ ...filters, search: event.target.value })}
        />
        <TextField
          label="Joined from"
          type="date"
          value={filters.from}
          onChange={(event) => change({ ...filters, from: event.target.value })}
        />
        <TextField
          label="Joined until"
          type="date"
          value={filters.to}
          onChange={(event) => change({ ...filters, to: event.target.value })}
        />
      </search>
      <section className="card" aria-label="Waitlist entries">
        <div className="card-header">
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={allOn}
              disabled={waitingIds.length === 0}
              onChange={(event) =>
                setSelected(event.target.checked ? new Set([...selected, ...waitingIds]) : new Set())
              }
            />
            Select all waiting on this page
          </label>
          <div className="btn-group">
            <span className="muted" aria-live="polite">
              {selected.size} selected
            </span>
            <Button
              size="sm"
              variant="primary"
              disabled={selected.size === 0}
              loading={invite.isPending}
              onClick={() => invite.mutate({ ids: [...selected] })}
            >
              Invite selected
            </Button>
          </div>
        </div>
        <WaitlistTable
          entries={list.data?.items ?? []}
          selected={selected}
          onToggle={toggle}
          {...tableStateOf(list)}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="entries" />
      </section>
      <InviteNextDialog open={inviting} onClose={() => setInviting(false)} waiting={data?.waiting} />
    </>
  );
}
