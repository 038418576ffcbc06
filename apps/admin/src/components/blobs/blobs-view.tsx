'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { BlobFilters } from './blob-filters';
import { BlobInfoPanel } from './blob-info-panel';
import styles from './blobs.module.css';
import { BLOBS_LIST, blobsListInput } from './blobs-list';
import { BlobsTable } from './blobs-table';

export function BlobsView() {
  const { filters, changeFilters, pager, page } = useListState(BLOBS_LIST);
  const [selected, setSelected] = useState<string | null>(null);
  const list = trpc.blob.list.useQuery(blobsListInput(filters, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="Blob storage"
        description="Files in the six storage containers for the selected product: browse by key prefix, inspect, download through a short-lived signed link, delete."
      />
      <BlobFilters
        value={filters}
        onChange={(next) => {
          if (next.container !== filters.container) setSelected(null);
          changeFilters(next);
        }}
      />
      <div className={styles.layout}>
        <section className="card" aria-label="Blobs">
          <BlobsTable
            blobs={list.data?.items ?? []}
            selected={selected}
            onSelect={setSelected}
            {...tableStateOf(list)}
          />
          <Pager pager={pager} data={list.data} noun="blobs" />
        </section>
        {selected ? (
          <BlobInfoPanel
            key={`${filters.container}/${selected}`}
            container={filters.container}
            blobKey={selected}
            onDeleted={() => setSelected(null)}
          />
        ) : (
          <section className="card card-body muted" aria-label="Blob details">
            Select a blob to see its size, type and metadata, download it or delete it.
          </section>
        )}
      </div>
    </>
  );
}
