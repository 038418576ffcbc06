'use client';

import type { TWebhookRecovery } from '@bytelyst/routers/modules/webhooks/schema';
import { useEffect, useState } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './webhooks.module.css';

/** The recovery runs in the background; its counts are read every second until it ends. */
const PROGRESS_MS = 1000;
const DAY_MS = 86_400_000;

const STATUS: Record<TWebhookRecovery['status'], { tone: Tone; label: string }> = {
  running: { tone: 'info', label: 'Running' },
  done: { tone: 'success', label: 'Done' },
  failed: { tone: 'danger', label: 'Failed' },
};

function RecoveryStatusBadge({ status }: { status: TWebhookRecovery['status'] }) {
  return (
    <Badge tone={STATUS[status].tone} dot>
      {STATUS[status].label}
    </Badge>
  );
}

/** `yyyy-mm-ddThh:mm` in local time, as a datetime-local input shows it. */
const localInputValue = (ms: number) => {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
};

function Progress({ run }: { run: TWebhookRecovery }) {
  return (
    <section className={styles.result} aria-label="Recovery progress" aria-live="polite">
      <div className="row row-wrap">
        <RecoveryStatusBadge status={run.status} />
        <span className="muted">Since {formatDateTime(run.since)}</span>
      </div>
      <div
        className={styles.progress}
        data-done={run.status === 'done' ? '' : undefined}
        data-failed={run.status === 'failed' ? '' : undefined}
        aria-hidden="true"
      />
      <p>
        Scanned <strong className="tabular">{run.scanned}</strong> message{run.scanned === 1 ? '' : 's'}, sent{' '}
        <strong className="tabular">{run.queued}</strong> again
        {run.finishedAt ? <span className="muted"> · finished {formatDateTime(run.finishedAt)}</span> : null}
      </p>
      {run.error ? <code className="error-text">{run.error}</code> : null}
    </section>
  );
}

/**
 * Recover since T: every message to the endpoint since then that did not succeed is sent again, oldest first,
 * with its progress; below, the endpoint's recent runs.
 */
export function RecoverCard({ endpointId, now }: { endpointId: string; now: number }) {
  const [since, setSince] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const { fields, formError, check, fromApi } = useFormErrors();
  const utils = trpc.useUtils();
  // Set after mount: the server's clock and zone would not match the browser's.
  useEffect(() => setSince(localInputValue(Date.now() - DAY_MS)), []);

  const start = trpc.webhooks.endpoints.recover.useMutation(
    useMutationFeedback({
      onDone: (run) => setRunId(run.id),
      invalidate: (u) => [u.webhooks.endpoints.listRecoveries.invalidate({ id: endpointId })],
      form: { fromApi },
    }),
  );
  const run = trpc.webhooks.getRecovery.useQuery(
    { id: runId ?? '' },
    {
      enabled: runId !== null,
      refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : PROGRESS_MS),
    },
  );
  const recent = trpc.webhooks.endpoints.listRecoveries.useQuery(
    { id: endpointId },
    {
      refetchInterval: (q) =>
        q.state.data?.items.some((item) => item.status === 'running') ? PROGRESS_MS * 2 : false,
    },
  );
  const finished = run.data && run.data.status !== 'running' ? run.data.id : null;

  // Once a run ends, what it resent shows in the log and the health.
  useEffect(() => {
    if (finished) void utils.webhooks.endpoints.invalidate();
  }, [finished, utils]);

  const submit = () => {
    const at = since ? new Date(since) : null;
    const problem =
      at === null || Number.isNaN(at.getTime())
        ? 'Choose the time to recover from.'
        : at.getTime() > Date.now()
          ? 'Choose a time in the past.'
          : undefined;
    if (!check(problem ? { since: problem } : {}) || !at) return;
    start.mutate({ id: endpointId, since: at.toISOString() });
  };
  const runs = (recent.data?.items ?? []).filter((item) => item.id !== runId).slice(0, 5);

  return (
    <Card
      titleId="recover-title"
      title="Recover since…"
      subtitle="Sends again, in order, every message since a time that did not succeed."
      bodyClassName="stack"
    >
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          className="field-grow"
          label="Recover since"
          type="datetime-local"
          value={since}
          max={localInputValue(now)}
          onChange={(event) => setSince(event.target.value)}
          error={fields.since}
        />
        <Button type="submit" loading={start.isPending} disabled={run.data?.status === 'running'}>
          Start recovery
        </Button>
      </form>
      <FormError message={fields.since ? null : formError} />
      {run.data ? <Progress run={run.data} /> : null}
      {runs.length > 0 ? (
        <div className="table-wrap table-inset">
          <table className="table table-compact">
            <caption className="visually-hidden">Recent recoveries</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Since</th>
                <th scope="col">Status</th>
                <th scope="col">Scanned</th>
                <th scope="col">Sent again</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((item) => (
                <tr key={item.id}>
                  <td className="cell-muted" title={formatDateTime(item.createdAt)}>
                    {formatRelative(item.createdAt, now)}
                  </td>
                  <td className="cell-muted">{formatDateTime(item.since)}</td>
                  <td>
                    <RecoveryStatusBadge status={item.status} />
                  </td>
                  <td className="tabular">{item.scanned}</td>
                  <td className="tabular">{item.queued}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
