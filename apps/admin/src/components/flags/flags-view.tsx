'use client';

import type { TFlag } from '@bytelyst/routers/modules/flags/schema';
import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { FlagDialog } from './flag-dialog';
import { FlagTester } from './flag-tester';
import { FLAGS_LIST, type FlagFilters, flagsListInput } from './flags-list';
import { FlagsTable } from './flags-table';

type Filters = FlagFilters;

export function FlagsView() {
  const { filters, query, changeFilters, pager, page } = useListState(FLAGS_LIST);
  const [editing, setEditing] = useState<TFlag | null | undefined>(undefined);
  const search = query.search.trim();
  const list = trpc.flags.list.useQuery(flagsListInput(query, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="Feature flags"
        description="Boolean flags of the selected product, rolled out by a stable hash of each user's id. Clients fetch every flag in one evaluate call."
        actions={<NewButton label="New flag" onClick={() => setEditing(null)} />}
      />
      <search className="filters">
        <TextField
          className="field-grow"
          label="Search"
          type="search"
          placeholder="Key or description"
          value={filters.search}
          onChange={(event) => changeFilters({ ...filters, search: event.target.value })}
        />
        <SelectField
          label="State"
          value={filters.state}
          options={[
            { value: '', label: 'On and off' },
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off' },
          ]}
          onChange={(event) => changeFilters({ ...filters, state: event.target.value as Filters['state'] })}
        />
        <SelectField
          label="Sort by"
          value={filters.sort}
          options={[
            { value: 'key', label: 'Key' },
            { value: 'updatedAt', label: 'Recently changed' },
          ]}
          onChange={(event) => changeFilters({ ...filters, sort: event.target.value as Filters['sort'] })}
        />
      </search>
      <section className="card" aria-label="Feature flags">
        <FlagsTable
          flags={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Boolean(search || filters.state)}
          onEdit={setEditing}
        />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="flags" />
      </section>
      <FlagTester />
      <FlagDialog open={editing !== undefined} flag={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
