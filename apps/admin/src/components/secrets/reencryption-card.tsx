'use client';

import { Button } from '~/components/kit/button';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatShortDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './secrets.module.css';

const RUNNING_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 30_000;

/** The re-encryption job: values still under an older key, the last run's progress, and "Re-encrypt now". */
export function ReencryptionCard({ canStart }: { canStart: boolean }) {
  const status = trpc.secrets.getReencryption.useQuery(undefined, {
    refetchInterval: (query) =>
      query.state.data?.state === 'running' ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const start = trpc.secrets.reencrypt.useMutation(
    useMutationFeedback({
      success: 'Re-encryption started.',
      invalidate: (u) => [u.secrets.getReencryption.invalidate()],
    }),
  );
  const data = status.data;
  if (!data) return null;
  const keyvault = data.driver === 'keyvault';
  return (
    <section className="card" aria-label="Encryption key">
      <div className="card-header">
        <h2 className="card-title">Encryption key</h2>
        {canStart && !keyvault ? (
          <Button
            loading={start.isPending}
            disabled={data.state === 'running'}
            onClick={() => start.mutate(undefined)}
          >
            Re-encrypt now
          </Button>
        ) : null}
      </div>
      <div className={`card-body ${styles.progress}`}>
        {keyvault ? (
          <p className="muted">Values are kept in Azure Key Vault, which encrypts them with its own keys.</p>
        ) : (
          <>
            <p>
              Current key <code>{data.keyId}</code> ·{' '}
              <span data-testid="stale-values">{data.remaining.toLocaleString()}</span> value
              {data.remaining === 1 ? '' : 's'} under an older key
            </p>
            {data.state === 'idle' ? (
              <p className="muted">Not run yet. It runs weekly, and after ENCRYPTION_KEY changes.</p>
            ) : (
              <>
                <progress
                  aria-label="Re-encryption progress"
                  max={Math.max(1, data.total)}
                  value={data.state === 'running' ? data.done : Math.max(1, data.total) - data.failed}
                />
                <p className="cell-secondary" data-testid="reencryption-state">
                  {data.state === 'running'
                    ? 'Running'
                    : data.state === 'done'
                      ? 'Done'
                      : 'Finished with failures'}
                  : {data.done.toLocaleString()} of {data.total.toLocaleString()} re-encrypted
                  {data.failed > 0 ? `, ${data.failed.toLocaleString()} failed` : ''}
                  {data.finishedAt ? ` · ${formatShortDateTime(data.finishedAt)}` : ''}
                </p>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
