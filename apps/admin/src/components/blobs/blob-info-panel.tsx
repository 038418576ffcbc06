'use client';

import type { TBlobContainer } from '@bytelyst/routers/modules/blob/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { JsonBlock } from '~/components/kit/json-block';
import { ErrorState } from '~/components/kit/states';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { formatBytes } from './format-bytes';

type Props = { container: TBlobContainer; blobKey: string; onDeleted: () => void };

/** One blob's properties, a signed download link and delete (confirmed). */
export function BlobInfoPanel({ container, blobKey, onDeleted }: Props) {
  const [confirming, setConfirming] = useState(false);
  const info = trpc.blob.getInfo.useQuery({ container, key: blobKey });
  const fileName = blobKey.split('/').pop() ?? blobKey;
  const download = trpc.blob.createDownloadUrl.useMutation(
    useMutationFeedback({
      // The signed URL answers with Content-Disposition: attachment, so the browser saves it and stays here.
      onDone: ({ url }) => window.location.assign(url),
    }),
  );
  const remove = trpc.blob.delete.useMutation(
    useMutationFeedback({
      success: `${blobKey} was deleted.`,
      onDone: () => setConfirming(false),
      invalidate: (u) => [u.blob.list.invalidate({ container }).then(onDeleted)],
      error: false,
    }),
  );

  return (
    <Card
      titleId="blob-info-title"
      title="Blob"
      subtitle={<span className="mono wrap-anywhere">{blobKey}</span>}
      bodyClassName="stack"
      after={
        <ConfirmDialog
          open={confirming}
          title={`Delete ${fileName}?`}
          description={`${container}/${blobKey} is removed permanently. Links already handed out stop working.`}
          confirmLabel="Delete blob"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate({ container, key: blobKey })}
          onClose={() => {
            remove.reset();
            setConfirming(false);
          }}
        />
      }
    >
      {info.error ? (
        <ErrorState error={info.error} onRetry={() => void info.refetch()} />
      ) : !info.data ? (
        <div className="stack" aria-busy="true">
          <span className="skeleton" style={{ width: '60%' }} />
          <span className="skeleton" style={{ width: '40%' }} />
        </div>
      ) : (
        <>
          <dl className="dl dl-compact">
            <dt>Container</dt>
            <dd className="mono">{info.data.container}</dd>
            <dt>Size</dt>
            <dd>
              {formatBytes(info.data.size)}{' '}
              <span className="muted">({info.data.size.toLocaleString()} bytes)</span>
            </dd>
            <dt>Type</dt>
            <dd className="mono">{info.data.contentType}</dd>
            <dt>Modified</dt>
            <dd>{formatDateTime(info.data.lastModified)}</dd>
            <dt>ETag</dt>
            <dd className="mono wrap-anywhere">{info.data.etag}</dd>
          </dl>
          {Object.keys(info.data.metadata).length > 0 ? <JsonBlock value={info.data.metadata} /> : null}
          <div className="row">
            <Button
              variant="primary"
              loading={download.isPending}
              onClick={() =>
                download.mutate({ container, key: blobKey, downloadName: fileName, expiresInSeconds: 300 })
              }
            >
              Download
            </Button>
            <span className="spacer" />
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Delete
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
