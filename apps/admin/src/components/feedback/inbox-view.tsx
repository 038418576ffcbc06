'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { FeedbackFilters } from './feedback-filters';
import { FeedbackHeader } from './feedback-header';
import { FEEDBACK_LIST, feedbackListInput } from './feedback-list';
import { FeedbackTable } from './feedback-table';

export function InboxView() {
  const { filters, changeFilters, pager, page } = useListState(FEEDBACK_LIST);
  const list = trpc.feedback.list.useQuery(feedbackListInput(filters, page), KEEP_PREVIOUS);
  return (
    <>
      <FeedbackHeader tab="inbox" />
      <FeedbackFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Feedback inbox">
        <FeedbackTable items={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} noun="entries" />
      </section>
    </>
  );
}
