import type { Metadata } from 'next';
import { DocView } from '~/components/docs/doc-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Docs' };

export default async function DocPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeURIComponent((await params).slug);
  return (
    <Prefetched queries={[{ path: 'docs.get', input: { slug } }]}>
      <DocView slug={slug} />
    </Prefetched>
  );
}
