/** The documents the status module keeps (containers.ts names their containers). */
import type {
  TIncidentImpact,
  TIncidentStatus,
  TIncidentUpdate,
  TInternalCheck,
  TMaintenanceStatus,
  TMonitorStatus,
  TMonitorType,
} from './schema';

export type ComponentDoc = {
  id: string;
  productId: string;
  name: string;
  description: string;
  group: string | null;
  order: number;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
};

export type MonitorDoc = {
  id: string;
  productId: string;
  componentId: string;
  name: string;
  type: TMonitorType;
  url: string | null;
  expectedStatus: string;
  keyword: string | null;
  host: string | null;
  port: number | null;
  check: TInternalCheck | null;
  threshold: number | null;
  timeoutMs: number;
  intervalSeconds: number;
  retries: number;
  degradedLatencyMs: number | null;
  enabled: boolean;
  builtin: boolean;
  status: TMonitorStatus;
  statusSince: string | null;
  consecutiveFailures: number;
  /** The checks of the current run of failures still within the retries; rewritten to down if it goes down. */
  pendingCheckIds: string[];
  lastCheckedAt: string | null;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  /** When the leader's loop checks it next; null while disabled. */
  nextCheckAt: string | null;
  lastHeartbeatAt: string | null;
  lastHeartbeat: { status: 'up' | 'down'; message: string | null; ping: number | null } | null;
  /** sha256 of the push token (heartbeat monitors), for the public route's lookup. */
  heartbeatTokenHash: string | null;
  /** The push token sealed with secretBox, so the console can show the push URL again. */
  heartbeatTokenSealed: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CheckStatus = 'up' | 'degraded' | 'pending' | 'down';

export type CheckDoc = {
  id: string;
  productId: string;
  monitorId: string;
  componentId: string;
  at: string;
  status: CheckStatus;
  latencyMs: number | null;
  message: string | null;
  /** Written pending, rewritten down when the run of failures it belonged to went down. */
  wasPending?: boolean;
};

export type DailyDoc = {
  /** `componentId:yyyy-mm-dd`. */
  id: string;
  productId: string;
  componentId: string;
  day: string;
  observedMs: number;
  maintenanceMs: number;
  majorMs: number;
  partialMs: number;
  degradedMs: number;
  latencySum: number;
  latencyCount: number;
  incidents: { id: string; title: string }[];
  computedAt: string;
};

export type ImpactLogEntry = { at: string; componentId: string; impact: TIncidentImpact | null };

export type IncidentDoc = {
  id: string;
  productId: string;
  title: string;
  status: TIncidentStatus;
  components: { id: string; impact: TIncidentImpact }[];
  /** Newest first. */
  updates: TIncidentUpdate[];
  /** Every change of a component's impact, oldest first: the uptime rollups replay it. */
  impactLog: ImpactLogEntry[];
  postmortem: string | null;
  postmortemAt: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  createdBy: string | null;
};

export type MaintenanceDoc = {
  id: string;
  productId: string;
  title: string;
  message: string;
  status: TMaintenanceStatus;
  components: string[];
  scheduledStart: string;
  scheduledEnd: string | null;
  startedAt: string | null;
  completedAt: string | null;
  source: 'scheduled' | 'switch';
  switchKey: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
};

export type SubscriberDoc = {
  id: string;
  productId: string;
  email: string;
  status: 'pending' | 'active' | 'unsubscribed';
  confirmTokenHash: string | null;
  confirmExpiresAt: string | null;
  unsubscribeTokenHash: string;
  unsubscribeTokenSealed: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
};
