'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { AuditFilters, EMPTY_AUDIT_FILTERS } from './audit-filters';
import { AuditTable } from './audit-table';

const DEBOUNCED = ['actorId', 'action', 'targetId'] as const;

/** Date inputs give local calendar days; the range covers the whole of both days. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);

export function AuditView() {
  const {
    filters,
    query: debounced,
    changeFilters,
    pager,
    page,
  } = useListState({
    defaults: EMPTY_AUDIT_FILTERS,
    pageSize: 25,
    debounce: DEBOUNCED,
  });
  const list = trpc.audit.list.useQuery(
    {
      actorId: debounced.actorId.trim() || undefined,
      action: debounced.action.trim() || undefined,
      targetId: debounced.targetId.trim() || undefined,
      from: dayStart(debounced.from),
      to: dayEnd(debounced.to),
      ...page,
    },
    KEEP_PREVIOUS,
  );

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every admin action with its actor, target, request and address."
      />
      <AuditFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Audit entries">
        <AuditTable
          entries={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Object.values(debounced).some(Boolean)}
          onFilter={(key, value) => changeFilters({ ...filters, [key]: value })}
        />
        <Pager pager={pager} data={list.data} noun="entries" />
      </section>
    </>
  );
}
