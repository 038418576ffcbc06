import type { THistoryComponent, THistoryDay } from '@bytelyst/routers/modules/status/schema-public';
import { formatUptime, formatUtcDay, STATE_LABELS } from '~/components/status/labels';
import styles from './status-page.module.css';

const TONES = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
  under_maintenance: 'maintenance',
} as const;

/** Days near either end open their detail inwards, so it stays on the page. */
const EDGE = 12;

function DayDetail({ day, index, total }: { day: THistoryDay; index: number; total: number }) {
  const edge = index < EDGE ? styles.tipStart : index >= total - EDGE ? styles.tipEnd : '';
  return (
    <span className={`${styles.tip} ${edge}`} role="tooltip">
      <span className={styles.tipDay}>{formatUtcDay(day.day)}</span>
      <span>{day.uptime === null ? 'No data' : `${formatUptime(day.uptime)} uptime`}</span>
      {day.status && day.status !== 'operational' ? <span>Worst: {STATE_LABELS[day.status]}</span> : null}
      {day.maintenanceMinutes > 0 ? <span>Maintenance: {day.maintenanceMinutes} min</span> : null}
      {day.latencyMs !== null ? <span>Mean response: {day.latencyMs} ms</span> : null}
      {day.incidents.length > 0 ? (
        <ul className={styles.tipIncidents}>
          {day.incidents.map((incident) => (
            <li key={incident.id}>{incident.title}</li>
          ))}
        </ul>
      ) : (
        <span>No incidents</span>
      )}
    </span>
  );
}

/** 90 daily bars, oldest first; hovering or focusing a day shows its uptime and incidents (CSS only). */
export function UptimeBars({ component }: { component: THistoryComponent }) {
  const total = component.days.length;
  return (
    <>
      <ol className={styles.bars} aria-label={`${component.name}: the last ${total} days`}>
        {component.days.map((day, index) => (
          <li
            key={day.day}
            className={styles.bar}
            data-tone={day.status ? TONES[day.status] : 'none'}
            data-day={day.day}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard reaches a day's detail by focusing it.
            tabIndex={0}
            aria-label={`${formatUtcDay(day.day)}: ${day.uptime === null ? 'no data' : `${formatUptime(day.uptime)} uptime`}, ${day.incidents.length} incident${day.incidents.length === 1 ? '' : 's'}`}
          >
            <DayDetail day={day} index={index} total={total} />
          </li>
        ))}
      </ol>
      <div className={styles.axis} aria-hidden="true">
        <span>{total} days ago</span>
        <span>
          {formatUptime(component.uptime90)} uptime · 30 days: {formatUptime(component.uptime30)}
        </span>
        <span>Today</span>
      </div>
    </>
  );
}

export function BarLegend() {
  const items = [
    ['ok', 'Operational', 'var(--success)'],
    ['degraded', 'Degraded', 'var(--warning)'],
    ['partial', 'Partial outage', 'var(--status-partial)'],
    ['major', 'Major outage', 'var(--danger)'],
    ['maintenance', 'Maintenance', 'var(--info)'],
    ['none', 'No data', 'var(--border-strong)'],
  ] as const;
  return (
    <div className={styles.legend}>
      {items.map(([key, label, colour]) => (
        <span key={key} className={styles.legendItem}>
          <span className={styles.legendSwatch} style={{ background: colour }} aria-hidden="true" />
          {label}
        </span>
      ))}
    </div>
  );
}
