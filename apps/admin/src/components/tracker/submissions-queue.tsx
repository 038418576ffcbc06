'use client';

import type { TTrackerItem } from '@bytelyst/routers/modules/tracker/items/schema';
import {
  REJECTION_REASON_MAX,
  ROADMAP_STATUSES,
  type TRoadmapStatus,
} from '@bytelyst/routers/modules/tracker/roadmap/schema';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { SelectField, TextAreaField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import styles from './tracker.module.css';

const COLUMN_LABELS: Record<TRoadmapStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
};

/**
 * Feature suggestions from the public roadmap waiting for review: approve one into a roadmap column (it is then
 * public) or reject it with a reason its author reads on the roadmap.
 */
export function SubmissionsQueue() {
  const queue = trpc.roadmap.listSubmissions.useQuery({ state: 'pending', limit: 50 });
  const [rejecting, setRejecting] = useState<TTrackerItem | null>(null);
  const items = queue.data?.items ?? [];
  if (queue.isLoading || (items.length === 0 && !queue.error)) return null;
  return (
    <section className="card" aria-labelledby="submissions-title">
      <div className="card-header">
        <h2 className="card-title" id="submissions-title">
          Suggestions to review ({items.length})
        </h2>
      </div>
      {queue.error ? <p className="alert alert-error">{errorMessage(queue.error)}</p> : null}
      <ul className={styles.queue}>
        {items.map((item) => (
          <Submission key={item.id} item={item} onReject={() => setRejecting(item)} />
        ))}
      </ul>
      {rejecting ? <RejectDialog item={rejecting} onClose={() => setRejecting(null)} /> : null}
    </section>
  );
}

function Submission({ item, onReject }: { item: TTrackerItem; onReject: () => void }) {
  const [status, setStatus] = useState<TRoadmapStatus>('planned');
  const approve = trpc.roadmap.approve.useMutation(
    useMutationFeedback({
      success: `"${item.title}" is on the public roadmap.`,
      invalidate: (u) => [u.roadmap.listSubmissions.invalidate(), u.tracker.items.list.invalidate()],
    }),
  );
  return (
    <li className={styles.queueItem} aria-label={`Suggestion: ${item.title}`}>
      <div>
        <Link href={`/tracker/${encodeURIComponent(item.id)}`}>
          <strong>{item.title}</strong>
        </Link>
        {item.body ? <p className={styles.body}>{item.body}</p> : null}
        <span className="muted">
          <UserRef userId={item.authorId} /> · {formatDateTime(item.createdAt)}
        </span>
      </div>
      <div className="row">
        <SelectField
          label="Roadmap column"
          value={status}
          options={ROADMAP_STATUSES.map((value) => ({ value, label: COLUMN_LABELS[value] }))}
          onChange={(event) => setStatus(event.target.value as TRoadmapStatus)}
        />
        <Button
          variant="primary"
          loading={approve.isPending}
          onClick={() => approve.mutate({ id: item.id, status })}
        >
          Approve
        </Button>
        <Button onClick={onReject}>Reject</Button>
      </div>
    </li>
  );
}

function RejectDialog({ item, onClose }: { item: TTrackerItem; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const reject = trpc.roadmap.reject.useMutation(
    useMutationFeedback({
      success: `"${item.title}" was rejected.`,
      onDone: onClose,
      invalidate: (u) => [u.roadmap.listSubmissions.invalidate(), u.tracker.items.list.invalidate()],
      error: false,
    }),
  );
  const fields = reject.error ? fieldErrorsOf(reject.error) : {};
  return (
    <FormDialog
      open
      onClose={onClose}
      title={`Reject "${item.title}"?`}
      description="Its author sees the reason on the roadmap. The suggestion stays in the tracker."
      formError={reject.error && !fields.reason ? errorMessage(reject.error) : null}
      submitLabel="Reject suggestion"
      pending={reject.isPending}
      onSubmit={() => reject.mutate({ id: item.id, reason })}
    >
      <TextAreaField
        label="Reason"
        value={reason}
        rows={3}
        maxLength={REJECTION_REASON_MAX}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </FormDialog>
  );
}
