'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { AnnouncementDialog } from './announcement-dialog';
import { isInFlight } from './delivery-badges';
import { DeliveryFilters } from './delivery-filters';
import { DeliveryHeader } from './delivery-header';
import { DELIVERY_LIST, deliveryListInput, FILTER_KEYS } from './delivery-list';
import { DeliveryStats } from './delivery-stats';
import { DeliveryTable } from './delivery-table';

/** Fast while a shown message is still on its way (the dispatcher works in the background), slow otherwise. */
const IN_FLIGHT_REFRESH_MS = 1500;
const IDLE_REFRESH_MS = 15_000;

export function DeliveryView() {
  const { filters, query, changeFilters, clearFilters, isFiltered, pager, page } =
    useListState(DELIVERY_LIST);
  const [announcing, setAnnouncing] = useState(false);
  const now = useNow();
  const templates = trpc.delivery.listTemplates.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const titles = new Map((templates.data?.items ?? []).map((t) => [t.name as string, t.title]));
  const list = trpc.delivery.list.useQuery(deliveryListInput(query, page), {
    ...KEEP_PREVIOUS,
    refetchInterval: (q) =>
      q.state.data?.items.some((item) => isInFlight(item.status)) ? IN_FLIGHT_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const filtered = isFiltered(FILTER_KEYS);

  return (
    <>
      <DeliveryHeader
        tab="log"
        actions={
          <Button variant="primary" onClick={() => setAnnouncing(true)}>
            <Icon name="send" size={14} />
            Send announcement
          </Button>
        }
      >
        <DeliveryStats />
      </DeliveryHeader>
      <DeliveryFilters
        value={filters}
        onChange={changeFilters}
        onClear={clearFilters}
        active={FILTER_KEYS.some((key) => filters[key] !== '')}
      />
      <section className="card" aria-label="Messages">
        <DeliveryTable
          items={list.data?.items ?? []}
          {...tableStateOf(list)}
          templateTitles={titles}
          filtered={filtered}
          now={now}
        />
        <Pager pager={pager} data={list.data} noun="messages" />
      </section>
      <AnnouncementDialog open={announcing} onClose={() => setAnnouncing(false)} />
    </>
  );
}
