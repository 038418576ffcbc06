'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { detailState } from '~/components/kit/detail-states';
import { Icon } from '~/components/kit/icon';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { AttemptLogCard } from './attempt-log-card';
import { EndpointHealthCard, EndpointSettingsCard } from './endpoint-cards';
import { EndpointDialog } from './endpoint-dialog';
import { RecoverCard } from './recover-card';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { SendTestCard } from './send-test-card';
import { EndpointStateBadge } from './webhook-badges';
import styles from './webhooks.module.css';

/** Health and state change with deliveries in the background. */
const REFRESH_MS = 5000;

export function EndpointDetailView({ id }: { id: string }) {
  const router = useRouter();
  const now = useNow(5000);
  const endpoint = trpc.webhooks.endpoints.get.useQuery({ id }, { refetchInterval: REFRESH_MS });
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = trpc.webhooks.endpoints.delete.useMutation(
    useMutationFeedback({
      success: 'The endpoint was removed; nothing more is sent to it.',
      onDone: () => router.push('/ops/webhooks'),
      invalidate: (u) => [u.webhooks.endpoints.list.invalidate()],
      error: false,
    }),
  );
  const breadcrumb = (
    <>
      <Link href="/ops/webhooks">Webhooks</Link>
      <span aria-hidden="true">/</span>
      <span className="mono">{id}</span>
    </>
  );
  const state = detailState(endpoint, {
    noun: 'Endpoint',
    breadcrumb,
    notFound: {
      title: 'This endpoint does not exist in this product',
      body: (
        <>
          It may have been removed, or belong to another product.{' '}
          <Link href="/ops/webhooks">Back to webhooks</Link>
        </>
      ),
    },
  });
  if (state || !endpoint.data) return state;
  const data = endpoint.data;

  return (
    <>
      <PageHeader
        title={data.description || new URL(data.url).host}
        breadcrumb={breadcrumb}
        description={
          <span className="row row-wrap">
            <EndpointStateBadge endpoint={data} />
            <span className="mono wrap-anywhere">{data.url}</span>
          </span>
        }
        actions={
          <>
            <Button onClick={() => setEditing(true)}>Edit</Button>
            <Button onClick={() => setRotating(true)}>
              <Icon name="key" size={14} />
              Rotate secret
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              <Icon name="trash" size={14} />
              Delete
            </Button>
          </>
        }
      />
      <div className="grid grid-halves">
        <EndpointSettingsCard endpoint={data} now={now} />
        <EndpointHealthCard endpoint={data} />
      </div>
      <div className={`grid grid-halves ${styles.gridTop}`}>
        <SendTestCard endpoint={data} />
        <RecoverCard endpointId={data.id} now={now} />
      </div>
      <AttemptLogCard endpointId={data.id} now={now} />
      <EndpointDialog open={editing} endpoint={data} onClose={() => setEditing(false)} />
      <RotateSecretDialog endpoint={data} open={rotating} onClose={() => setRotating(false)} />
      <ConfirmRemoveDialog
        target={deleting ? data : null}
        mutation={remove}
        title="Delete this endpoint?"
        description={
          <>
            Nothing more is sent to <span className="mono">{data.url}</span>, and its message log goes with
            it. The receiver keeps what it already got.
          </>
        }
        confirmLabel="Delete endpoint"
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
