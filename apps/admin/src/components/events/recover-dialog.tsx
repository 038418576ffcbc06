'use client';

import type { TEventRecovery, TRecoveryPreview } from '@bytelyst/routers/modules/event-timeline/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Dialog } from '~/components/kit/dialog';
import { TextField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import { ProgressBar } from '~/components/kit/progress-bar';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './timeline.module.css';

const PROGRESS_REFRESH_MS = 1000;

/** A datetime-local value (the browser's wall time) a day before now. */
const dayAgo = () => {
  const at = new Date(Date.now() - 24 * 60 * 60_000);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function Progress({ label, total, done }: { label: string; total: number; done: number }) {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  return (
    <div>
      <div className={styles.progressHead}>
        <span>{label}</span>
        <span className="muted tabular">
          {done} of {total}
        </span>
      </div>
      <ProgressBar
        label={label}
        value={done}
        max={total}
        complete={total === 0}
        tone={share === 1 ? 'success' : undefined}
      />
    </div>
  );
}

function PreviewCounts({ preview }: { preview: TRecoveryPreview }) {
  return (
    <dl className="dl dl-narrow" aria-label="What would be replayed">
      <dt>Webhooks</dt>
      <dd>
        {preview.webhookMessages} failed
        {preview.endpoints.length > 0
          ? ` (${preview.endpoints.map((e) => `${e.messages} to ${e.url}`).join(', ')})`
          : ''}
      </dd>
      <dt>Notifications</dt>
      <dd>
        {preview.notifications.failed} failed, {preview.notifications.held} held
      </dd>
      <dt>Job slots</dt>
      <dd>
        {preview.jobSlots} skipped
        {preview.jobs.length > 0
          ? ` (${preview.jobs.map((j) => `${j.jobName} ×${j.slots}`).join(', ')})`
          : ''}
      </dd>
    </dl>
  );
}

function RecoveryProgress({ id }: { id: string }) {
  const recovery = trpc.events.getRecovery.useQuery(
    { id },
    { refetchInterval: (q) => (q.state.data?.status === 'running' ? PROGRESS_REFRESH_MS : false) },
  );
  const data: TEventRecovery | undefined = recovery.data;
  if (!data) return <p className="muted">Starting…</p>;
  const { progress } = data;
  return (
    <section className={styles.counts} aria-label="Recovery progress">
      <div className="row">
        <Badge tone={data.status === 'done' ? 'success' : data.status === 'failed' ? 'danger' : 'info'} dot>
          {data.status === 'done' ? 'Done' : data.status === 'failed' ? 'Failed' : 'Running'}
        </Badge>
        <span className="muted mono">{data.id}</span>
      </div>
      <Progress label="Webhook messages" {...progress.webhookMessages} />
      <Progress label="Notifications" {...progress.notifications} />
      <Progress label="Job slots" total={progress.jobSlots.total} done={progress.jobSlots.done} />
      {progress.jobSlots.failed > 0 ? (
        <p className="field-error">{progress.jobSlots.failed} job slot(s) did not run successfully.</p>
      ) : null}
      {data.error ? <p className="field-error">{data.error}</p> : null}
    </section>
  );
}

/**
 * "Recover since…": counts what failed since a time on every channel of this product (webhook messages,
 * notifications, job slots), then replays all of it in one background run whose progress it follows.
 */
export function RecoverDialog() {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(dayAgo);
  const [recoveryId, setRecoveryId] = useState<string | null>(null);
  const preview = trpc.events.previewRecovery.useMutation();
  const recover = trpc.events.recover.useMutation(
    useMutationFeedback({
      success: 'Recovery started.',
      onDone: (data) => setRecoveryId(data.id),
      error: false,
    }),
  );
  const sinceIso = since ? new Date(since).toISOString() : '';
  const sinceError = fieldErrorsOf(preview.error ?? recover.error).since;
  const close = () => {
    setOpen(false);
    setRecoveryId(null);
    preview.reset();
    recover.reset();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Icon name="replay" size={14} />
        Recover since…
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Recover since…"
        description="Replays what failed on every channel of this product since a time: webhook messages, notifications (failed or held) and skipped job slots."
      >
        <div className="dialog-body stack">
          {recoveryId ? (
            <RecoveryProgress id={recoveryId} />
          ) : (
            <>
              <TextField
                label="Since"
                type="datetime-local"
                value={since}
                error={sinceError}
                hint="Your local time; at most 90 days back."
                onChange={(event) => {
                  setSince(event.target.value);
                  preview.reset();
                }}
              />
              {preview.data ? <PreviewCounts preview={preview.data} /> : null}
              {!sinceError && (preview.error || recover.error) ? (
                <p className="field-error">{errorMessage(preview.error ?? recover.error)}</p>
              ) : null}
            </>
          )}
        </div>
        <div className="dialog-footer">
          <Button variant="ghost" onClick={close}>
            Close
          </Button>
          {recoveryId ? null : preview.data ? (
            <Button
              variant="primary"
              loading={recover.isPending}
              onClick={() => recover.mutate({ since: sinceIso })}
            >
              Recover all
            </Button>
          ) : (
            <Button
              variant="primary"
              loading={preview.isPending}
              disabled={!sinceIso}
              onClick={() => preview.mutate({ since: sinceIso })}
            >
              Preview
            </Button>
          )}
        </div>
      </Dialog>
    </>
  );
}
