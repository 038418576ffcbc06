'use client';

import type { TMigrationPreview } from '@bytelyst/routers/modules/migrations/schema';
import { ErrorState } from '~/components/kit/states';
import { formatDuration } from '~/lib/format';
import styles from './migrations.module.css';

type Props = {
  preview: TMigrationPreview | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
};

/** What a dry run found: per container, how many documents the migration would write, with sample ids. */
export function DryRunSummary({ preview, isLoading, error, onRetry }: Props) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (isLoading || !preview) {
    return (
      <p className="muted" aria-live="polite">
        <span className="spinner spinner-xs" aria-hidden="true" /> Dry run in progress…
      </p>
    );
  }
  return (
    <section className={styles.touches} aria-label="Dry run">
      {preview.error ? (
        <div className="alert alert-error" role="alert">
          A real run would fail: {preview.error}
        </div>
      ) : null}
      {preview.touches.length === 0 ? (
        <p className="muted">
          Dry run ({preview.direction}): nothing to write. The stored data already has this shape.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Container</th>
                <th scope="col">Creates</th>
                <th scope="col">Updates</th>
                <th scope="col">Deletes</th>
                <th scope="col">Sample ids</th>
              </tr>
            </thead>
            <tbody>
              {preview.touches.map((touch) => (
                <tr key={touch.container}>
                  <td className="mono">{touch.container}</td>
                  <td>{touch.creates.toLocaleString()}</td>
                  <td>{touch.updates.toLocaleString()}</td>
                  <td>{touch.deletes.toLocaleString()}</td>
                  <td>
                    <span className={styles.samples}>
                      {touch.sampleIds.map((id) => (
                        <code key={id}>{id}</code>
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="cell-secondary">
        Dry run ({preview.direction}) took {formatDuration(preview.durationMs)}; nothing was written.
      </p>
    </section>
  );
}
