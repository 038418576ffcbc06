'use client';

import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import styles from './backups.module.css';

/** The schedule and pruning in force, the drivers, whether a restore may run now; on Cosmos, the account. */
export function PolicyCard() {
  const policy = trpc.backups.getPolicy.useQuery(undefined, { refetchInterval: 30_000 });
  const data = policy.data;
  return (
    <Card titleId="backup-policy" title="Schedule and storage">
      {policy.error ? <ErrorState error={policy.error} onRetry={() => void policy.refetch()} /> : null}
      {data ? (
        <>
          <dl className={styles.facts}>
            <dt>Schedule</dt>
            <dd>
              <code>{data.schedule}</code> ({data.timezone}), and on demand
            </dd>
            <dt>Pruning</dt>
            <dd>
              The newest {data.keepCount} always stay; older ones go after {data.keepDays} days
            </dd>
            <dt>Migrations</dt>
            <dd>
              An irreversible migration needs a verified backup at most {data.migrationMaxAgeHours} hours old
            </dd>
            <dt>Store</dt>
            <dd>
              {data.driver} documents, {data.blobDriver} blob storage
            </dd>
            <dt>Restore</dt>
            <dd>{data.restoreAllowed.message}</dd>
          </dl>
          {data.cosmos ? (
            <div className={styles.note} role="note" aria-label="Cosmos point-in-time restore">
              <p>
                Cosmos account: writes in {data.cosmos.writableRegions.join(', ') || '—'}, reads in{' '}
                {data.cosmos.readableRegions.join(', ') || '—'}
                {data.cosmos.multipleWriteRegions ? ' (multi-region writes)' : ''}; {data.cosmos.consistency}{' '}
                consistency.
              </p>
              <p>{data.cosmos.note}</p>
            </div>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
