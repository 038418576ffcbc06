'use client';

import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { errorMessage } from '~/lib/api-errors';
import type { EventScope } from '~/lib/event-scope';

const SCOPE_LABELS: Record<EventScope, string> = {
  current: 'The selected product',
  platform: 'Platform events',
  all: 'All products',
};

type Props = {
  open: boolean;
  scope: EventScope;
  type: string;
  subscriber: string;
  /** Dead letters on the page shown now, and whether later pages exist. */
  shown: number;
  morePages: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** Spells out what "all matching" means before anything is put back on the bus. */
export function ReplayAllDialog({
  open,
  scope,
  type,
  subscriber,
  shown,
  morePages,
  pending,
  error,
  onConfirm,
  onClose,
}: Props) {
  return (
    <ConfirmDialog
      open={open}
      title="Replay all matching dead letters?"
      description="Each matching dead delivery goes back to pending with a fresh set of attempts."
      confirmLabel="Replay all"
      variant="primary"
      pending={pending}
      error={error ? errorMessage(error) : null}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <dl className="dl dl-narrow">
        <dt>Scope</dt>
        <dd>{SCOPE_LABELS[scope]}</dd>
        <dt>Event type</dt>
        <dd className={type ? 'mono' : undefined}>{type || 'Any type'}</dd>
        <dt>Subscriber</dt>
        <dd className={subscriber ? 'mono' : undefined}>{subscriber || 'Every subscriber'}</dd>
        <dt>Matching now</dt>
        <dd>
          {shown} on this page{morePages ? ', and more on later pages' : ''}
        </dd>
      </dl>
      <p className="field-hint">
        Up to 1,000 events are replayed per run; the result says when more are left. Subscribers are
        idempotent on the event id, so replaying is safe.
      </p>
    </ConfirmDialog>
  );
}
