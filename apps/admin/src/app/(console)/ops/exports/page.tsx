import type { Metadata } from 'next';
import { EXPORTS_LIST_INPUT } from '~/components/exports/export-form';
import { ExportsView } from '~/components/exports/exports-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Exports' };

export default function ExportsPage() {
  return (
    <Prefetched queries={[{ path: 'exports.list', input: EXPORTS_LIST_INPUT }]}>
      <ExportsView />
    </Prefetched>
  );
}
