import type { Metadata } from 'next';
import { BLOBS_LIST, blobsListInput } from '~/components/blobs/blobs-list';
import { BlobsView } from '~/components/blobs/blobs-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Blob storage' };

export default function BlobsPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={BLOBS_LIST}
      queries={(filters, page) => [{ path: 'blob.list', input: blobsListInput(filters, page) }]}
    >
      <BlobsView />
    </PrefetchedList>
  );
}
