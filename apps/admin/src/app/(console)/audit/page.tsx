import type { Metadata } from 'next';
import { AUDIT_LIST, auditListInput } from '~/components/audit/audit-list';
import { AuditView } from '~/components/audit/audit-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={AUDIT_LIST}
      queries={(filters, page) => [{ path: 'audit.list', input: auditListInput(filters, page) }]}
    >
      <AuditView />
    </PrefetchedList>
  );
}
