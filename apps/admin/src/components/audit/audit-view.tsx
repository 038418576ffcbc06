'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { AuditFilters } from './audit-filters';
import { AUDIT_LIST, auditListInput } from './audit-list';
import { AuditTable } from './audit-table';

export function AuditView() {
  const { filters, query, changeFilters, pager, page } = useListState(AUDIT_LIST);
  const list = trpc.audit.list.useQuery(auditListInput(query, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every admin action, and everything done while viewing as a user, with its actor, target, request and address."
      />
      <AuditFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Audit entries">
        <AuditTable
          entries={list.data?.items ?? []}
          {...tableStateOf(list)}
          filtered={Object.values(query).some(Boolean)}
          onFilter={(key, value) => changeFilters({ ...filters, [key]: value })}
        />
        <Pager pager={pager} data={list.data} noun="entries" />
      </section>
    </>
  );
}
