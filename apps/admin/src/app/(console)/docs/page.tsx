import type { Metadata } from 'next';
import { DocsIndexView } from '~/components/docs/docs-index-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Docs' };

export default function DocsPage() {
  return (
    <Prefetched queries={[{ path: 'docs.list' }]}>
      <DocsIndexView />
    </Prefetched>
  );
}
