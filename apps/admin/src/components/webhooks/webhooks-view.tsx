'use client';

import Link from 'next/link';
import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { trpc } from '~/lib/trpc';
import { EndpointDialog } from './endpoint-dialog';
import { EndpointsTable } from './endpoints-table';

/** Health follows deliveries made in the background; a slow refresh keeps the dots current. */
const REFRESH_MS = 15_000;

export function WebhooksView() {
  const list = trpc.webhooks.endpoints.list.useQuery(undefined, { refetchInterval: REFRESH_MS });
  const [creating, setCreating] = useState(false);
  const endpoints = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Endpoints that receive this product's public events, signed per Standard Webhooks and retried for
            hours. What each event carries is in the <Link href="/ops/events/catalogue">event catalogue</Link>
            .
          </>
        }
        actions={<NewButton label="New endpoint" onClick={() => setCreating(true)} />}
      />
      <section className="card" aria-label="Webhook endpoints">
        <EndpointsTable endpoints={endpoints} {...tableStateOf(list)} />
        {endpoints.length > 0 ? (
          <div className="table-footer">
            <span>
              {endpoints.length} endpoint{endpoints.length === 1 ? '' : 's'} · health is the share of the last
              50 attempts that got a 2xx
            </span>
          </div>
        ) : null}
      </section>
      <EndpointDialog open={creating} endpoint={null} onClose={() => setCreating(false)} />
    </>
  );
}
