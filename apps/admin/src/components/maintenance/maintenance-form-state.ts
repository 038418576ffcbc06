import type {
  TMaintenanceConfig,
  TMaintenanceMode,
  TMaintenanceSchedule,
  TSetMaintenanceInput,
  TWindowMode,
} from '@bytelyst/routers/modules/maintenance/schema';
import type { TRole } from '@bytelyst/routers/modules/users/schema';

/** The editor's state: the config as the form edits it (times as datetime-local, IPs one per line). */
export type MaintenanceForm = {
  mode: TMaintenanceMode;
  message: string;
  adminMessage: string;
  /** ['*'] or component keys. */
  affectedServices: string[];
  bypassRoles: TRole[];
  bypassIPs: string;
  scheduledStart: string;
  scheduledEnd: string;
  scheduledMode: TWindowMode;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a datetime-local value, in the browser's zone. */
export const toLocalInput = (iso: string | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const fromLocalInput = (value: string): string | undefined =>
  value.trim() ? new Date(value).toISOString() : undefined;

export const formOf = (
  config: TMaintenanceConfig,
  schedule: TMaintenanceSchedule | undefined,
): MaintenanceForm => {
  const planned = schedule?.windows.find((window) => window.state === 'scheduled');
  return {
    mode: config.mode,
    message: config.message,
    adminMessage: config.adminMessage ?? '',
    affectedServices: config.affectedServices,
    bypassRoles: config.bypassRoles,
    bypassIPs: config.bypassIPs.join('\n'),
    scheduledStart: toLocalInput(config.scheduledStart),
    scheduledEnd: toLocalInput(config.scheduledEnd),
    scheduledMode: planned && planned.mode !== 'off' ? planned.mode : 'maintenance',
  };
};

/** The PUT body: the whole config. */
export const inputOf = (form: MaintenanceForm): TSetMaintenanceInput => {
  const scheduledStart = fromLocalInput(form.scheduledStart);
  const scheduledEnd = fromLocalInput(form.scheduledEnd);
  return {
    mode: form.mode,
    message: form.message.trim(),
    ...(form.adminMessage.trim() ? { adminMessage: form.adminMessage.trim() } : {}),
    affectedServices: form.affectedServices.length > 0 ? form.affectedServices : ['*'],
    bypassRoles: form.bypassRoles,
    bypassIPs: form.bypassIPs
      .split(/[\s,]+/)
      .map((entry) => entry.trim())
      .filter(Boolean),
    ...(scheduledStart ? { scheduledStart, scheduledMode: form.scheduledMode } : {}),
    ...(scheduledEnd ? { scheduledEnd } : {}),
  };
};

/** Whether saving this takes the product further down than it is now (ask first). */
export const goesDown = (from: TMaintenanceMode, to: TMaintenanceMode): boolean => {
  const rank: Record<TMaintenanceMode, number> = { off: 0, read_only: 1, maintenance: 2, emergency: 3 };
  return rank[to] > rank[from];
};
