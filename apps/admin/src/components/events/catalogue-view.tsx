'use client';

import { useState } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { useEventScope } from '~/hooks/use-event-scope';
import { trpc } from '~/lib/trpc';
import styles from './catalogue.module.css';
import { CatalogueItem } from './catalogue-item';
import { EventsHeader } from './events-header';
import { SubscribersCard } from './subscribers-card';

type Visibility = '' | 'public' | 'internal';

export function CatalogueView() {
  const { scope, setScope } = useEventScope();
  const [search, setSearch] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('');
  const catalogue = trpc.events.getCatalogue.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const all = catalogue.data?.events ?? [];
  const needle = search.trim().toLowerCase();
  // The catalogue is a few dozen entries, all loaded at once: filtering here is instant and exact.
  const entries = all.filter(
    (entry) =>
      (!needle ||
        entry.type.toLowerCase().includes(needle) ||
        entry.description.toLowerCase().includes(needle)) &&
      (visibility === '' || entry.public === (visibility === 'public')),
  );

  return (
    <>
      <EventsHeader tab="catalogue" scope={scope} onScopeChange={setScope} />
      <search className="filters">
        <TextField
          className="field-grow"
          label="Search event types"
          type="search"
          placeholder="e.g. user. or subscription"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label="Visibility"
          value={visibility}
          options={[
            { value: '', label: 'Public and internal' },
            { value: 'public', label: 'Public (webhooks)' },
            { value: 'internal', label: 'Internal only' },
          ]}
          onChange={(event) => setVisibility(event.target.value as Visibility)}
        />
      </search>
      <section className="card" aria-label="Event types">
        {catalogue.error ? (
          <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
        ) : catalogue.isLoading ? (
          <div className="card-body stack" aria-busy="true">
            <span className="skeleton" style={{ width: '40%' }} />
            <span className="skeleton" style={{ width: '70%' }} />
            <span className="skeleton" style={{ width: '55%' }} />
          </div>
        ) : entries.length === 0 ? (
          <EmptyState title="No event types match">Clear the search or the visibility filter.</EmptyState>
        ) : (
          <ul className={styles.catalogue}>
            {entries.map((entry) => (
              <CatalogueItem key={entry.type} entry={entry} />
            ))}
          </ul>
        )}
        <div className="table-footer">
          <span>
            {entries.length} of {all.length} event types · public types are the ones webhook endpoints may
            subscribe to
          </span>
        </div>
      </section>
      <SubscribersCard />
    </>
  );
}
