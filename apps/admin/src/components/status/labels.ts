import type {
  TComponentState,
  TIncidentImpact,
  TIncidentStatus,
  TMaintenanceStatus,
  TMonitorStatus,
} from '@bytelyst/routers/modules/status/schema';
import type { Tone } from '~/components/kit/badge';

/** The status page's words (Statuspage's), shared by the public page and /ops/status. */
export const STATE_LABELS: Record<TComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const STATE_TONES: Record<TComponentState, Tone> = {
  operational: 'success',
  degraded_performance: 'warning',
  partial_outage: 'warning',
  major_outage: 'danger',
  under_maintenance: 'info',
};

export const IMPACT_LABELS: Record<TIncidentImpact | 'none', string> = {
  none: 'No component impact',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const INCIDENT_STATUS_LABELS: Record<TIncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const MAINTENANCE_STATUS_LABELS: Record<TMaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const MONITOR_STATUS_LABELS: Record<TMonitorStatus, string> = {
  unknown: 'Not checked yet',
  up: 'Up',
  degraded: 'Slow',
  pending: 'Retrying',
  down: 'Down',
};

export const MONITOR_STATUS_TONES: Record<TMonitorStatus, Tone> = {
  unknown: 'neutral',
  up: 'success',
  degraded: 'warning',
  pending: 'warning',
  down: 'danger',
};

/** 0.99871 -> `99.87%`; null -> `No data`. Rounded down, so a bad minute never shows as 100%. */
export const formatUptime = (uptime: number | null): string =>
  uptime === null ? 'No data' : `${(Math.floor(uptime * 10_000) / 100).toFixed(2)}%`;

const UTC_DATE_TIME = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const UTC_DAY = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** The public page states times in UTC, as its days are UTC days. */
export const formatUtc = (iso: string | null): string =>
  iso ? `${UTC_DATE_TIME.format(new Date(iso))} UTC` : '—';
export const formatUtcDay = (day: string): string => UTC_DAY.format(new Date(`${day}T00:00:00Z`));
