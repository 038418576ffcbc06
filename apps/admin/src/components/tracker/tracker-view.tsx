'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { ItemsTable } from './items-table';
import { SubmissionsQueue } from './submissions-queue';
import { TrackerFilters } from './tracker-filters';
import { TRACKER_LIST, trackerListInput } from './tracker-list';

export function TrackerView() {
  const { filters, changeFilters, pager, page } = useListState(TRACKER_LIST);
  const list = trpc.tracker.items.list.useQuery(trackerListInput(filters, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="Tracker"
        description="Bugs, feature requests and tasks filed by users of the selected product, with their votes and comments."
      />
      <SubmissionsQueue />
      <TrackerFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Tracker items">
        <ItemsTable items={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} noun="items" />
      </section>
    </>
  );
}
