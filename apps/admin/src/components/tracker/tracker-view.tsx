'use client';

import { ZItemListInput } from '@bytelyst/routers/modules/tracker/items/schema';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { ItemsTable } from './items-table';
import { TrackerFilters, type TrackerFilterValues } from './tracker-filters';

const INITIAL: TrackerFilterValues = { kind: '', status: '', tag: '', sort: 'newest' };
const ZTag = ZItemListInput.shape.tag;

export function TrackerView() {
  const { filters, changeFilters, pager, page } = useListState({ defaults: INITIAL, pageSize: 20 });
  const tag = filters.tag.trim().toLowerCase();
  const list = trpc.tracker.items.list.useQuery(
    {
      sort: filters.sort,
      ...page,
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      // A half-typed tag that the server would refuse just does not filter yet.
      ...(tag && passes(ZTag, tag) ? { tag } : {}),
    },
    KEEP_PREVIOUS,
  );

  return (
    <>
      <PageHeader
        title="Tracker"
        description="Bugs, feature requests and tasks filed by users of the selected product, with their votes and comments."
      />
      <TrackerFilters value={filters} onChange={changeFilters} />
      <section className="card" aria-label="Tracker items">
        <ItemsTable items={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} noun="items" />
      </section>
    </>
  );
}
