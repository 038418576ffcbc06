import type { Metadata } from 'next';
import { ItemDetailView } from '~/components/tracker/item-detail-view';
import { itemCommentsInput } from '~/components/tracker/tracker-list';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Tracker item' };

export default async function TrackerItemPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  // The author's and commenters' emails (UserRef) need the item first; they load in the browser.
  return (
    <Prefetched
      queries={[
        { path: 'tracker.items.get', input: { id } },
        { path: 'tracker.comments.list', input: itemCommentsInput(id) },
      ]}
    >
      <ItemDetailView id={id} />
    </Prefetched>
  );
}
