import { z } from 'zod';
import {
  ZComponentState,
  ZIncidentImpact,
  ZIncidentStatus,
  ZIncidentUpdate,
  ZMaintenanceStatus,
} from './schema';

/** The public face of the status page: what `GET /v1/public/status` and `/history` answer. */

export const ZPublicComponent = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  group: z.string().nullable(),
  status: ZComponentState,
});

export const ZPublicIncident = z.object({
  id: z.string(),
  title: z.string(),
  status: ZIncidentStatus,
  impact: z.enum(['none', 'degraded_performance', 'partial_outage', 'major_outage']),
  components: z.array(z.object({ id: z.string(), name: z.string(), impact: ZIncidentImpact })),
  /** Newest first. */
  updates: z.array(ZIncidentUpdate),
  postmortem: z.string().nullable(),
  postmortemAt: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type TPublicIncident = z.infer<typeof ZPublicIncident>;

export const ZPublicMaintenance = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  status: ZMaintenanceStatus,
  components: z.array(z.object({ id: z.string(), name: z.string() })),
  scheduledStart: z.string(),
  scheduledEnd: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type TPublicMaintenance = z.infer<typeof ZPublicMaintenance>;

/** The roadmap's data model: services, incidents, maintenanceWindows, overallStatus, lastCheckedAt. */
export const ZPublicStatus = z.object({
  product: z.object({ id: z.string(), name: z.string() }),
  overallStatus: ZComponentState,
  /** A sentence for the banner ("All systems operational", "Partial outage"). */
  overallDescription: z.string(),
  services: z.array(ZPublicComponent),
  /** Open incidents, newest first. */
  incidents: z.array(ZPublicIncident),
  /** Windows in progress, then upcoming ones, soonest first. */
  maintenanceWindows: z.array(ZPublicMaintenance),
  /** When a monitor last ran (null before the first check). */
  lastCheckedAt: z.string().nullable(),
  generatedAt: z.string(),
});
export type TPublicStatus = z.infer<typeof ZPublicStatus>;

export const ZHistoryDay = z.object({
  /** yyyy-mm-dd (UTC). */
  day: z.string(),
  /** 0..1 by the uptime rule; null when nothing was observed outside maintenance. */
  uptime: z.number().nullable(),
  /** The worst state the day saw (null: no data). */
  status: ZComponentState.nullable(),
  /** Mean check latency of the day. */
  latencyMs: z.number().nullable(),
  maintenanceMinutes: z.number(),
  incidents: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type THistoryDay = z.infer<typeof ZHistoryDay>;

export const ZHistoryComponent = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  uptime30: z.number().nullable(),
  uptime90: z.number().nullable(),
  latencyMs: z.number().nullable(),
  /** Oldest first, 90 days ending today. */
  days: z.array(ZHistoryDay),
});
export type THistoryComponent = z.infer<typeof ZHistoryComponent>;

export const ZPublicHistory = z.object({
  from: z.string(),
  to: z.string(),
  /** The uptime rule, in words. */
  rule: z.string(),
  components: z.array(ZHistoryComponent),
  /** Incidents of the last 90 days, newest first. */
  incidents: z.array(ZPublicIncident),
  /** Windows of the last 90 days that completed or were cancelled, newest first. */
  maintenance: z.array(ZPublicMaintenance),
});
export type TPublicHistory = z.infer<typeof ZPublicHistory>;
