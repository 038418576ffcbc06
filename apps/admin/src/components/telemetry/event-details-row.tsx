import type { TTelemetryEvent } from '@bytelyst/routers/modules/telemetry/schema';
import Link from 'next/link';
import { JsonBlock } from '~/components/kit/json-block';
import { formatDateTime } from '~/lib/format';
import styles from './telemetry.module.css';

/** The expanded part of an event's row: message, stack and props beside the client's context. */
export function EventDetailsRow({
  event,
  id,
  columns,
}: {
  event: TTelemetryEvent;
  id: string;
  columns: number;
}) {
  return (
    <tr className="row-details" id={id}>
      <td colSpan={columns}>
        <div className={styles.details}>
          <div className="stack-tight">
            {event.message ? (
              <>
                <h3 className="detail-title">Message</h3>
                <p className="wrap-anywhere">{event.message}</p>
              </>
            ) : null}
            {event.stack ? (
              <>
                <h3 className="detail-title">Stack</h3>
                <pre className={`code-block ${styles.stack}`}>
                  <code>{event.stack}</code>
                </pre>
              </>
            ) : null}
            <h3 className="detail-title">Props</h3>
            {Object.keys(event.props).length > 0 ? (
              <JsonBlock value={event.props} />
            ) : (
              <p className="muted">No props</p>
            )}
          </div>
          <dl className="facts">
            <div>
              <dt>Event ID</dt>
              <dd className="mono wrap-anywhere">{event.id}</dd>
            </div>
            <div>
              <dt>Client time</dt>
              <dd>{formatDateTime(event.at)}</dd>
            </div>
            <div>
              <dt>Received</dt>
              <dd>{formatDateTime(event.receivedAt)}</dd>
            </div>
            <div>
              <dt>OS version</dt>
              <dd>{event.osVersion ?? '—'}</dd>
            </div>
            <div>
              <dt>Session</dt>
              <dd className="mono wrap-anywhere">{event.sessionId ?? '—'}</dd>
            </div>
            <div>
              <dt>Device</dt>
              <dd className="mono wrap-anywhere">{event.deviceId ?? '—'}</dd>
            </div>
            <div>
              <dt>User</dt>
              <dd className="mono wrap-anywhere">
                {event.userId ? (
                  <Link href={`/users/${encodeURIComponent(event.userId)}`}>{event.userId}</Link>
                ) : (
                  'Anonymous'
                )}
              </dd>
            </div>
            {event.fingerprint ? (
              <div>
                <dt>Cluster</dt>
                <dd className="mono wrap-anywhere">
                  <Link href={`/telemetry/clusters/${event.fingerprint}`}>
                    {event.fingerprint.slice(0, 12)}
                  </Link>
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      </td>
    </tr>
  );
}
