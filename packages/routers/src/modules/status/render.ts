import { atomDocument, escapeXml } from '../../lib/atom';
import type { TComponentState } from './schema';
import type { TPublicIncident, TPublicMaintenance } from './schema-public';

/** The status page's Atom feed and SVG badges: plain text formats tRPC cannot answer. */

export const STATE_LABEL: Record<TComponentState, string> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
  under_maintenance: 'under maintenance',
};

const STATE_COLOR: Record<TComponentState, string> = {
  operational: '#2f855a',
  degraded_performance: '#b7791f',
  partial_outage: '#c05621',
  major_outage: '#c53030',
  under_maintenance: '#2b6cb0',
};

const INCIDENT_STATUS: Record<TPublicIncident['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

const MAINTENANCE_STATUS: Record<TPublicMaintenance['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

type Entry = { id: string; title: string; updated: string; published: string; html: string };

const incidentEntry = (incident: TPublicIncident, pageUrl: string): Entry => {
  const updates = incident.updates
    .map(
      (update) =>
        `<p><strong>${INCIDENT_STATUS[update.status]}</strong> (${update.at}): ${escapeXml(update.message)}</p>`,
    )
    .join('');
  const affected = incident.components.map((c) => c.name).join(', ');
  return {
    id: `${pageUrl}#incident-${incident.id}`,
    title: `${incident.title} (${INCIDENT_STATUS[incident.status]})`,
    updated: incident.updates[0]?.at ?? incident.createdAt,
    published: incident.createdAt,
    html: `${affected ? `<p>Affected: ${escapeXml(affected)}</p>` : ''}${updates}${
      incident.postmortem ? `<h3>Postmortem</h3><p>${escapeXml(incident.postmortem)}</p>` : ''
    }`,
  };
};

const maintenanceEntry = (window: TPublicMaintenance, pageUrl: string): Entry => ({
  id: `${pageUrl}#maintenance-${window.id}`,
  title: `Maintenance: ${window.title} (${MAINTENANCE_STATUS[window.status]})`,
  updated: window.completedAt ?? window.startedAt ?? window.scheduledStart,
  published: window.scheduledStart,
  html: `<p>${escapeXml(window.message)}</p><p>From ${window.scheduledStart}${
    window.scheduledEnd ? ` to ${window.scheduledEnd}` : ''
  }${window.components.length > 0 ? `; affects ${escapeXml(window.components.map((c) => c.name).join(', '))}` : ''}.</p>`,
});

/** An Atom 1.0 feed (RFC 4287) of incidents and maintenance, newest first. */
export const atomFeed = (opts: {
  productName: string;
  pageUrl: string;
  feedUrl: string;
  generatedAt: string;
  incidents: readonly TPublicIncident[];
  maintenance: readonly TPublicMaintenance[];
}): string => {
  const entries = [
    ...opts.incidents.map((incident) => incidentEntry(incident, opts.pageUrl)),
    ...opts.maintenance.map((window) => maintenanceEntry(window, opts.pageUrl)),
  ]
    .sort((a, b) => b.updated.localeCompare(a.updated))
    .slice(0, 50);
  return atomDocument({
    id: opts.feedUrl,
    title: `${opts.productName} status`,
    selfUrl: opts.feedUrl,
    pageUrl: opts.pageUrl,
    author: opts.productName,
    generatedAt: opts.generatedAt,
    entries,
  });
};

/** Approximate Verdana 11px widths, as shields.io's flat badges lay text out. */
const textWidth = (text: string) => Math.round([...text].length * 6.6) + 12;

/** A flat badge: the label on grey, the state in its colour. */
export const stateBadge = (label: string, state: TComponentState): string => {
  const value = STATE_LABEL[state];
  const left = textWidth(label);
  const right = textWidth(value);
  const width = left + right;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(`${label}: ${value}`)}">
  <title>${escapeXml(`${label}: ${value}`)}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${left}" height="20" fill="#555"/>
    <rect x="${left}" width="${right}" height="20" fill="${STATE_COLOR[state]}"/>
    <rect width="${width}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${left / 2}" y="14">${escapeXml(label)}</text>
    <text x="${left + right / 2}" y="14">${escapeXml(value)}</text>
  </g>
</svg>
`;
};
