'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { GenerateLicenseDialog } from './generate-license-dialog';
import { LICENSE_STATUS_LABELS } from './license-badges';
import { LICENSES_LIST, type LicenseFilters, licensesListInput } from './licenses-list';
import { LicensesTable } from './licenses-table';

type Filters = LicenseFilters;

export function LicensesView() {
  const [generating, setGenerating] = useState(false);
  const { filters, query, changeFilters, pager, page } = useListState(LICENSES_LIST);
  const list = trpc.licenses.list.useQuery(licensesListInput(query, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="Licenses"
        description="License keys of the selected product, the devices they are activated on, and their expiry. Keys are shown once and stored hashed."
        actions={<NewButton label="Generate key" onClick={() => setGenerating(true)} />}
      />
      <search className="filters">
        <SelectField
          label="Filter by status"
          value={filters.status}
          options={[
            { value: '', label: 'Any status' },
            ...Object.entries(LICENSE_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(event) => changeFilters({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <TextField
          className="field-grow"
          label="User ID"
          type="search"
          placeholder="Only this user's licenses"
          value={filters.userId}
          onChange={(event) => changeFilters({ ...filters, userId: event.target.value })}
        />
      </search>
      <section className="card" aria-label="Licenses">
        <LicensesTable licenses={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="licenses" />
      </section>
      <GenerateLicenseDialog open={generating} onClose={() => setGenerating(false)} />
    </>
  );
}
