import { z } from 'zod';

/** Statuspage's words for a component's state; the overall state uses the same. */
export const ZComponentState = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
export type TComponentState = z.infer<typeof ZComponentState>;

/** What an incident does to a component it names. */
export const ZIncidentImpact = z.enum(['degraded_performance', 'partial_outage', 'major_outage']);
export type TIncidentImpact = z.infer<typeof ZIncidentImpact>;

export const ZIncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);
export type TIncidentStatus = z.infer<typeof ZIncidentStatus>;

export const ZMaintenanceStatus = z.enum(['scheduled', 'in_progress', 'completed', 'cancelled']);
export type TMaintenanceStatus = z.infer<typeof ZMaintenanceStatus>;

export const ZMonitorType = z.enum(['http', 'tcp', 'internal', 'heartbeat']);
export type TMonitorType = z.infer<typeof ZMonitorType>;

export const ZInternalCheck = z.enum(['store', 'blob', 'event_backlog', 'job_runner', 'dead_letters']);
export type TInternalCheck = z.infer<typeof ZInternalCheck>;

/** A monitor's verdict: `pending` while failed checks are still within its retries. */
export const ZMonitorStatus = z.enum(['unknown', 'up', 'degraded', 'pending', 'down']);
export type TMonitorStatus = z.infer<typeof ZMonitorStatus>;

/** A component's key: its id in URLs, badges and MaintenanceConfig.affectedServices. */
export const ZComponentId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lower-case letters, digits, - and _ (at most 40)');

const ZName = z.string().trim().min(1).max(80);
const ZDescription = z.string().trim().max(500);
const ZGroup = z.string().trim().min(1).max(60).nullable();
const ZMessage = z.string().trim().min(1).max(5000);

export const ZStatusComponent = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  group: z.string().nullable(),
  order: z.number().int(),
  /** One of the platform's own (seeded; not deletable). */
  builtin: z.boolean(),
  state: ZComponentState,
  /** What its monitors alone say. */
  monitorState: ZComponentState,
  lastCheckedAt: z.string().nullable(),
  /** The latest check latencies of its monitors, oldest first (the console's sparkline). */
  latencies: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TStatusComponent = z.infer<typeof ZStatusComponent>;

export const ZComponentCreateInput = z.object({
  id: ZComponentId,
  name: ZName,
  description: ZDescription.default(''),
  group: ZGroup.default(null),
  order: z.number().int().min(0).max(10_000).optional(),
});
export type TComponentCreateInput = z.infer<typeof ZComponentCreateInput>;

export const ZComponentUpdateInput = z.object({
  id: ZComponentId,
  name: ZName.optional(),
  description: ZDescription.optional(),
  group: ZGroup.optional(),
  order: z.number().int().min(0).max(10_000).optional(),
});
export type TComponentUpdateInput = z.infer<typeof ZComponentUpdateInput>;

export const ZComponentIdInput = z.object({ id: ZComponentId });

/** Accepted answer codes: single codes and ranges, comma-separated (`200-299`, `200,204,301-302`). */
export const ZExpectedStatus = z
  .string()
  .trim()
  .regex(/^\d{3}(-\d{3})?(\s*,\s*\d{3}(-\d{3})?)*$/, 'Codes or ranges such as 200-299 or 200,204');

const ZMonitorUrl = z
  .string()
  .trim()
  .max(1000)
  .pipe(z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }));

const monitorFields = {
  name: ZName,
  /** HTTP(S): the URL fetched with GET (redirects are not followed). */
  url: ZMonitorUrl.nullable().optional(),
  expectedStatus: ZExpectedStatus.optional(),
  /** HTTP(S): the answer's first 64 KiB must contain it. */
  keyword: z.string().max(200).nullable().optional(),
  /** TCP: host and port connected to. */
  host: z.string().trim().min(1).max(253).nullable().optional(),
  port: z.number().int().min(1).max(65_535).nullable().optional(),
  check: ZInternalCheck.nullable().optional(),
  /** event_backlog: pending events; dead_letters: dead-lettered events; the check fails above it. */
  threshold: z.number().int().min(0).max(10_000_000).nullable().optional(),
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
  /** Seconds between checks; for a heartbeat, how long a push counts. */
  intervalSeconds: z.number().int().min(10).max(86_400).optional(),
  /** Failed checks in a row tolerated (pending) before the monitor is down. */
  retries: z.number().int().min(0).max(10).optional(),
  /** Slower successful checks make the component degraded. */
  degradedLatencyMs: z.number().int().min(1).max(60_000).nullable().optional(),
  enabled: z.boolean().optional(),
};

export const ZMonitorCreateInput = z
  .object({ componentId: ZComponentId, type: ZMonitorType, ...monitorFields })
  .superRefine((input, ctx) => {
    if (input.type === 'http' && !input.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'Required' });
    if (input.type === 'tcp') {
      if (!input.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'Required' });
      if (!input.port) ctx.addIssue({ code: 'custom', path: ['port'], message: 'Required' });
    }
    if (input.type === 'internal' && !input.check) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: 'Required' });
    }
  });
export type TMonitorCreateInput = z.infer<typeof ZMonitorCreateInput>;

export const ZMonitorUpdateInput = z.object({
  id: z.string().min(1).max(64),
  componentId: ZComponentId.optional(),
  ...monitorFields,
  name: ZName.optional(),
});
export type TMonitorUpdateInput = z.infer<typeof ZMonitorUpdateInput>;

export const ZMonitorIdInput = z.object({ id: z.string().min(1).max(64) });
export const ZMonitorListInput = z.object({ componentId: ZComponentId.optional() }).optional();

export const ZStatusMonitor = z.object({
  id: z.string(),
  componentId: z.string(),
  name: z.string(),
  type: ZMonitorType,
  url: z.string().nullable(),
  expectedStatus: z.string(),
  keyword: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  check: ZInternalCheck.nullable(),
  threshold: z.number().nullable(),
  timeoutMs: z.number(),
  intervalSeconds: z.number(),
  retries: z.number(),
  degradedLatencyMs: z.number().nullable(),
  enabled: z.boolean(),
  builtin: z.boolean(),
  status: ZMonitorStatus,
  statusSince: z.string().nullable(),
  consecutiveFailures: z.number(),
  lastCheckedAt: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastMessage: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  /** Heartbeat monitors: the secret push path (`GET|POST` it under the API's origin). */
  pushPath: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TStatusMonitor = z.infer<typeof ZStatusMonitor>;

export const ZCheckResult = z.object({
  id: z.string(),
  monitorId: z.string(),
  componentId: z.string(),
  at: z.string(),
  status: z.enum(['up', 'degraded', 'pending', 'down']),
  latencyMs: z.number().nullable(),
  message: z.string().nullable(),
});
export type TCheckResult = z.infer<typeof ZCheckResult>;

export const ZIncidentUpdate = z.object({
  id: z.string(),
  status: ZIncidentStatus,
  message: z.string(),
  at: z.string(),
});
export type TIncidentUpdate = z.infer<typeof ZIncidentUpdate>;

export const ZIncidentComponent = z.object({ id: ZComponentId, impact: ZIncidentImpact });

export const ZIncident = z.object({
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
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type TIncident = z.infer<typeof ZIncident>;

export const ZIncidentCreateInput = z.object({
  title: z.string().trim().min(1).max(200),
  status: ZIncidentStatus.exclude(['resolved']).default('investigating'),
  message: ZMessage,
  components: z.array(ZIncidentComponent).max(50).default([]),
});
export type TIncidentCreateInput = z.infer<typeof ZIncidentCreateInput>;

export const ZIncidentUpdateInput = z.object({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200).optional(),
  components: z.array(ZIncidentComponent).max(50).optional(),
});
export type TIncidentUpdateInput = z.infer<typeof ZIncidentUpdateInput>;

/** A public update; `resolved` resolves the incident. */
export const ZIncidentPostInput = z.object({
  id: z.string().min(1).max(64),
  status: ZIncidentStatus,
  message: ZMessage,
});
export type TIncidentPostInput = z.infer<typeof ZIncidentPostInput>;

export const ZPostmortemInput = z.object({
  id: z.string().min(1).max(64),
  postmortem: z.string().trim().min(1).max(20_000),
});

export const ZIncidentIdInput = z.object({ id: z.string().min(1).max(64) });
export const ZIncidentListInput = z
  .object({
    status: z.enum(['open', 'resolved']).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().max(4000).optional(),
  })
  .optional();
export const ZIncidentPage = z.object({ items: z.array(ZIncident), nextCursor: z.string().nullable() });

export const ZMaintenance = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  status: ZMaintenanceStatus,
  components: z.array(z.object({ id: z.string(), name: z.string() })),
  scheduledStart: z.string(),
  scheduledEnd: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** `switch`: opened by the maintenance switch (settings), which also ends it. */
  source: z.enum(['scheduled', 'switch']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TMaintenance = z.infer<typeof ZMaintenance>;

export const ZMaintenanceCreateInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    message: ZMessage,
    components: z.array(ZComponentId).max(50).default([]),
    scheduledStart: z.iso.datetime({ offset: true }),
    scheduledEnd: z.iso.datetime({ offset: true }),
  })
  .refine((input) => Date.parse(input.scheduledEnd) > Date.parse(input.scheduledStart), {
    path: ['scheduledEnd'],
    message: 'Ends after it starts',
  });
export type TMaintenanceCreateInput = z.infer<typeof ZMaintenanceCreateInput>;

export const ZMaintenanceUpdateInput = z.object({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200).optional(),
  message: ZMessage.optional(),
  components: z.array(ZComponentId).max(50).optional(),
  scheduledStart: z.iso.datetime({ offset: true }).optional(),
  /** For a window in progress: now or earlier ends it at once. */
  scheduledEnd: z.iso.datetime({ offset: true }).optional(),
});
export type TMaintenanceUpdateInput = z.infer<typeof ZMaintenanceUpdateInput>;

export const ZMaintenanceIdInput = z.object({ id: z.string().min(1).max(64) });
export const ZMaintenanceListInput = z
  .object({ status: ZMaintenanceStatus.optional(), limit: z.number().int().min(1).max(100).optional() })
  .optional();

export const ZSubscriberStats = z.object({
  active: z.number().int(),
  pending: z.number().int(),
  unsubscribed: z.number().int(),
});

export const ZSubscribeInput = z.object({ email: z.string().trim().toLowerCase().email().max(254) });
export const ZTokenInput = z.object({ token: z.string().trim().min(10).max(200) });
