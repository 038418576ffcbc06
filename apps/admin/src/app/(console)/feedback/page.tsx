import type { Metadata } from 'next';
import { FEEDBACK_LIST, feedbackListInput } from '~/components/feedback/feedback-list';
import { InboxView } from '~/components/feedback/inbox-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'Feedback' };

export default function FeedbackPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={FEEDBACK_LIST}
      queries={(filters, page) => [{ path: 'feedback.list', input: feedbackListInput(filters, page) }]}
    >
      <InboxView />
    </PrefetchedList>
  );
}
