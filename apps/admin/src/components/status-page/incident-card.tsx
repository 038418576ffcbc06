import type { TPublicIncident, TPublicMaintenance } from '@bytelyst/routers/modules/status/schema-public';
import { Badge } from '~/components/kit/badge';
import {
  formatUtc,
  IMPACT_LABELS,
  INCIDENT_STATUS_LABELS,
  MAINTENANCE_STATUS_LABELS,
} from '~/components/status/labels';
import styles from './status-page.module.css';

const IMPACT_TONES = {
  none: 'neutral',
  degraded_performance: 'warning',
  partial_outage: 'warning',
  major_outage: 'danger',
} as const;

/** An incident with its timestamped public updates, newest first, and its postmortem once published. */
export function IncidentCard({ incident }: { incident: TPublicIncident }) {
  const affected = incident.components.map((c) => c.name).join(', ');
  return (
    <article className={`card ${styles.notice}`} id={`incident-${incident.id}`} aria-label={incident.title}>
      <div className={styles.noticeHeader}>
        <h3 className={styles.noticeTitle}>{incident.title}</h3>
        <Badge tone={incident.status === 'resolved' ? 'success' : IMPACT_TONES[incident.impact]} dot>
          {incident.status === 'resolved' ? 'Resolved' : IMPACT_LABELS[incident.impact]}
        </Badge>
      </div>
      {affected ? <p className={styles.meta}>Affected: {affected}</p> : null}
      <ol className={styles.updates}>
        {incident.updates.map((update) => (
          <li key={update.id} className={styles.update}>
            <span>
              <span className={styles.updateStatus}>{INCIDENT_STATUS_LABELS[update.status]}</span>
              <time className={styles.updateTime} dateTime={update.at}>
                {formatUtc(update.at)}
              </time>
            </span>
            <span>{update.message}</span>
          </li>
        ))}
      </ol>
      {incident.postmortem ? (
        <details className={styles.postmortem}>
          <summary>Postmortem ({formatUtc(incident.postmortemAt)})</summary>
          <p>{incident.postmortem}</p>
        </details>
      ) : null}
    </article>
  );
}

export function MaintenanceCard({ window }: { window: TPublicMaintenance }) {
  const affected = window.components.map((c) => c.name).join(', ');
  return (
    <article className={`card ${styles.notice}`} id={`maintenance-${window.id}`} aria-label={window.title}>
      <div className={styles.noticeHeader}>
        <h3 className={styles.noticeTitle}>{window.title}</h3>
        <Badge tone={window.status === 'in_progress' ? 'info' : 'neutral'} dot>
          {MAINTENANCE_STATUS_LABELS[window.status]}
        </Badge>
      </div>
      <p>{window.message}</p>
      <p className={styles.meta}>
        {formatUtc(window.startedAt ?? window.scheduledStart)}
        {window.scheduledEnd || window.completedAt
          ? ` – ${formatUtc(window.completedAt ?? window.scheduledEnd)}`
          : ' until further notice'}
        {affected ? ` · Affects ${affected}` : ''}
      </p>
    </article>
  );
}
