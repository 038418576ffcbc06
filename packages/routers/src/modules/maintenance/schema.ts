import { z } from 'zod';
import { ZRole } from '../users/schema';

export const MAINTENANCE_MODES = ['off', 'read_only', 'maintenance', 'emergency'] as const;
export const ZMaintenanceMode = z.enum(MAINTENANCE_MODES);
export type TMaintenanceMode = z.infer<typeof ZMaintenanceMode>;

/** The modes a scheduled window can switch on. */
export const ZWindowMode = z.enum(['read_only', 'maintenance', 'emergency']);
export type TWindowMode = z.infer<typeof ZWindowMode>;

/** The platform's own status components (the status page's keys), which `affectedServices` names. */
export const PLATFORM_SERVICES = [
  'api',
  'console',
  'database',
  'blob_storage',
  'email',
  'push',
  'job_runner',
  'event_bus',
] as const;

/** A status component key (the platform's own or one an admin added), or '*' for all of them. */
export const ZServiceKey = z
  .string()
  .trim()
  .regex(/^(\*|[a-z][a-z0-9_-]{0,63})$/, "A status component key such as 'api', or '*'");

/** Roadmap §2.10's MaintenanceConfig, field for field: what clients poll and the console edits. */
export const ZMaintenanceConfig = z.object({
  mode: ZMaintenanceMode,
  /** Shown to users (the banner, clients, the 503 body). */
  message: z.string(),
  /** Shown to admins only (the console's banner). */
  adminMessage: z.string().optional(),
  /** Signed-in principals with one of these roles pass. */
  bypassRoles: z.array(ZRole),
  /** Callers from these CIDRs (IPv4 or IPv6; a bare address is /32 or /128) pass. */
  bypassIPs: z.array(z.string()),
  /** ISO: when the scheduled window switches on by itself. */
  scheduledStart: z.string().optional(),
  /** ISO: when it switches off by itself; also the 503's Retry-After. */
  scheduledEnd: z.string().optional(),
  /** Status component keys, or ['*']. */
  affectedServices: z.array(z.string()),
  updatedAt: z.string(),
  /** The admin's email, 'schedule' for the window job, 'env' for the starting value. */
  updatedBy: z.string(),
});
export type TMaintenanceConfig = z.infer<typeof ZMaintenanceConfig>;

const ZInstant = z.iso.datetime({ offset: true });
const ZShortText = z.string().trim().max(500);

/**
 * PUT replaces the whole config. `mode` applies at once; `scheduledStart`/`scheduledEnd` plan a window that
 * switches to `scheduledMode` (default maintenance) at its start and back to off at its end. Without a start,
 * an end only switches the current mode off when it comes.
 */
export const ZSetMaintenanceInput = z.object({
  mode: ZMaintenanceMode,
  message: ZShortText.default(''),
  adminMessage: ZShortText.optional(),
  bypassRoles: z.array(ZRole).max(3).default(['admin', 'super_admin']),
  bypassIPs: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
  scheduledStart: ZInstant.optional(),
  scheduledEnd: ZInstant.optional(),
  scheduledMode: ZWindowMode.optional(),
  affectedServices: z.array(ZServiceKey).min(1).max(50).default(['*']),
});
export type TSetMaintenanceInput = z.input<typeof ZSetMaintenanceInput>;
export type TSetMaintenanceParsed = z.output<typeof ZSetMaintenanceInput>;

/** A planned window, as `GET /settings/maintenance/schedule` lists it. */
export const ZMaintenanceWindow = z.object({
  /** The mode it switches on at `start` (or the current one, when the window is already on). */
  mode: ZMaintenanceMode,
  /** Null: the window is on now (switched by hand) and only its end is planned. */
  start: z.string().nullable(),
  /** Null: it stays on until an admin switches it off. */
  end: z.string().nullable(),
  state: z.enum(['scheduled', 'in_progress']),
  message: z.string(),
  affectedServices: z.array(z.string()),
});
export type TMaintenanceWindow = z.infer<typeof ZMaintenanceWindow>;

export const ZMaintenanceSchedule = z.object({ windows: z.array(ZMaintenanceWindow) });
export type TMaintenanceSchedule = z.infer<typeof ZMaintenanceSchedule>;

export const SWITCH_STEP_KEYS = ['jobs', 'sends', 'status_window', 'kill_switch', 'banner'] as const;
export const ZSwitchStepKey = z.enum(SWITCH_STEP_KEYS);
export type TSwitchStepKey = z.infer<typeof ZSwitchStepKey>;
export const ZSwitchStepState = z.enum(['pending', 'done', 'skipped', 'failed']);
export type TSwitchStepState = z.infer<typeof ZSwitchStepState>;

export const ZSwitchStep = z.object({
  key: ZSwitchStepKey,
  label: z.string(),
  state: ZSwitchStepState,
  /** What the step did, or why it failed. */
  detail: z.string().nullable(),
  at: z.string().nullable(),
});
export type TSwitchStep = z.infer<typeof ZSwitchStep>;

/** The coordinated switch's checklist for the product's latest mode change. */
export const ZMaintenanceSwitch = z.object({
  productId: z.string(),
  /** The `maintenance.mode_changed` event it carries out. */
  eventId: z.string(),
  from: ZMaintenanceMode,
  to: ZMaintenanceMode,
  cause: z.enum(['manual', 'schedule']),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  steps: z.array(ZSwitchStep),
});
export type TMaintenanceSwitch = z.infer<typeof ZMaintenanceSwitch>;

export const ZGetSwitchOutput = z.object({ switch: ZMaintenanceSwitch.nullable() });
