'use client';

import type { TLicenseStatus } from '@bytelyst/routers/modules/licenses/schema';
import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { trpc } from '~/lib/trpc';
import { GenerateLicenseDialog } from './generate-license-dialog';
import { LICENSE_STATUS_LABELS } from './license-badges';
import { LicensesTable } from './licenses-table';

const PAGE_SIZE = 20;
type Filters = { status: TLicenseStatus | ''; userId: string };

export function LicensesView() {
  const [generating, setGenerating] = useState(false);
  const { filters, changeFilters, pager } = usePagedFilters<Filters>({ status: '', userId: '' });
  const userId = useDebouncedValue(filters.userId.trim(), 300);
  const list = trpc.licenses.list.useQuery(
    {
      ...(filters.status ? { status: filters.status } : {}),
      ...(userId ? { userId } : {}),
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    },
    { placeholderData: (previous) => previous },
  );

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
