import type { Metadata } from 'next';
import { FeedbackDetailView } from '~/components/feedback/feedback-detail-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Feedback' };

export default async function FeedbackEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  return (
    <Prefetched queries={[{ path: 'feedback.get', input: { id } }]}>
      <FeedbackDetailView id={id} />
    </Prefetched>
  );
}
