'use client';

import type { TBulkCreateInput } from '@bytelyst/routers/modules/exports/schema';
import { useCallback, useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { BulkBar } from '../exports/bulk-bar';
import { BulkDialog } from '../exports/bulk-dialog';
import { useSelection } from '../exports/use-selection';
import { GenerateLicenseDialog } from './generate-license-dialog';
import { LICENSE_STATUS_LABELS } from './license-badges';
import { LICENSES_LIST, type LicenseFilters, licensesListInput } from './licenses-list';
import { LicensesTable } from './licenses-table';

type Filters = LicenseFilters;

export function LicensesView() {
  const [generating, setGenerating] = useState(false);
  const { filters, query, changeFilters, pager, page } = useListState(LICENSES_LIST);
  const list = trpc.licenses.list.useQuery(licensesListInput(query, page), KEEP_PREVIOUS);
  const selection = useSelection();
  const [bulk, setBulk] = useState<TBulkCreateInput | null>(null);
  const utils = trpc.useUtils();
  const refetch = useCallback(() => void utils.licenses.list.invalidate(), [utils]);
  const picked = selection.allMatching || selection.ids.size > 0;
  const revokeSelected = () =>
    setBulk({
      operation: 'licenses.revoke',
      selection: selection.allMatching
        ? { filters: { status: query.status || undefined, userId: query.userId.trim() || undefined } }
        : { ids: [...selection.ids] },
    });

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
        <BulkBar selection={selection} total={list.data?.total} noun="licenses">
          <Button size="sm" variant="danger" disabled={!picked} onClick={revokeSelected}>
            Revoke selected
          </Button>
        </BulkBar>
        <LicensesTable selection={selection} licenses={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="licenses" />
      </section>
      <GenerateLicenseDialog open={generating} onClose={() => setGenerating(false)} />
      <BulkDialog
        request={bulk}
        title="Revoke licenses"
        confirmLabel="Revoke licenses"
        noun="licenses"
        unchangedLabel="are already revoked"
        onFinished={refetch}
        onClose={() => {
          setBulk(null);
          selection.clear();
        }}
      />
    </>
  );
}
