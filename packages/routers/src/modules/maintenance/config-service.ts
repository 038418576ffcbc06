import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError, type FieldError } from '../../app-error';
import { parseCidrList } from '../../lib/outbound';
import { isoNow } from '../../lib/time';
import type { MaintenanceGate } from './gate';
import { CONFIG_ID, type MaintenanceDoc, type MaintenanceRepository } from './repository';
import type {
  TMaintenanceConfig,
  TMaintenanceMode,
  TMaintenanceSchedule,
  TMaintenanceWindow,
  TSetMaintenanceParsed,
} from './schema';

/** The env's starting value (MAINTENANCE_MODE, MAINTENANCE_BYPASS_IPS) for products that stored none. */
export type MaintenanceDefaults = { mode: TMaintenanceMode; bypassIps: readonly string[] };

export const DEFAULT_BYPASS_ROLES = ['admin', 'super_admin'] as const;

type Actor = { id: string | null; email: string };

const iso = (value: string) => new Date(value).toISOString();

/** Each entry through the same CIDR parser as the env's lists, normalised to `address/prefix`. */
const parseBypassIps = (entries: readonly string[], fields: FieldError[]): string[] =>
  entries.flatMap((entry, index) => {
    try {
      return parseCidrList(entry);
    } catch (error) {
      fields.push({ path: `bypassIPs.${index}`, message: (error as Error).message });
      return [];
    }
  });

export const createMaintenanceConfigService = (deps: {
  repo: MaintenanceRepository;
  clock: Clock;
  bus: EventBus;
  gate: MaintenanceGate;
  starting: () => TMaintenanceConfig;
}) => {
  const { repo, clock, bus, gate } = deps;
  const configOf = (doc: MaintenanceDoc | undefined) => doc?.maintenanceConfig ?? deps.starting();

  /** Stages `maintenance.mode_changed` with the write that changes the mode. */
  const modeChange = (
    next: MaintenanceDoc,
    current: MaintenanceDoc | undefined,
    cause: 'manual' | 'schedule',
    actorId: string | null,
  ) => {
    const from = configOf(current).mode;
    const config = next.maintenanceConfig;
    if (from === config.mode) return undefined;
    return bus.stage(
      'maintenance.mode_changed',
      {
        from,
        to: config.mode,
        cause,
        message: config.message,
        affectedServices: config.affectedServices,
        scheduledEnd: config.scheduledEnd ?? null,
      },
      { productId: next.productId, actorId },
    );
  };

  const validate = (input: TSetMaintenanceParsed, now: number): string[] => {
    const fields: FieldError[] = [];
    const bypassIps = parseBypassIps(input.bypassIPs, fields);
    const start = input.scheduledStart ? Date.parse(input.scheduledStart) : null;
    const end = input.scheduledEnd ? Date.parse(input.scheduledEnd) : null;
    if (end !== null && end <= now) fields.push({ path: 'scheduledEnd', message: 'Must be in the future' });
    if (start !== null && end !== null && end <= start) {
      fields.push({ path: 'scheduledEnd', message: 'Must be after scheduledStart' });
    }
    if (input.scheduledMode && start === null) {
      fields.push({ path: 'scheduledMode', message: 'Only with scheduledStart' });
    }
    if (!input.message && (input.mode !== 'off' || start !== null)) {
      fields.push({ path: 'message', message: 'Say what users see while the service is in maintenance' });
    }
    if (fields.length > 0) {
      throw new AppError(
        'VALIDATION',
        `Invalid maintenance config: ${fields.map((f) => f.path).join(', ')}`,
        {
          fields,
        },
      );
    }
    return bypassIps;
  };

  const windowOf = (doc: MaintenanceDoc, now: number): TMaintenanceWindow | undefined => {
    const config = doc.maintenanceConfig;
    const end = config.scheduledEnd ?? null;
    if (end !== null && Date.parse(end) <= now) return undefined;
    const start = config.scheduledStart ?? null;
    const started = doc.windowStartedAt !== null || (start === null && config.mode !== 'off');
    if (start === null && !started) return undefined;
    if (start === null && end === null) return undefined;
    return {
      mode: started ? config.mode : (doc.scheduledMode ?? 'maintenance'),
      start,
      end,
      state: started ? 'in_progress' : 'scheduled',
      message: config.message,
      affectedServices: config.affectedServices,
    };
  };

  return {
    /** The product's config as clients poll it: from the gate's snapshot (the env's starting value if none). */
    async get(productId: string): Promise<TMaintenanceConfig> {
      return (await gate.current()).of(productId).config;
    },
    /** From the store, bypassing the snapshot (the switch judges against this). */
    async read(productId: string): Promise<TMaintenanceConfig> {
      return configOf(await repo.readConfig(productId));
    },

    /** PUT: replaces the config; a changed mode stages `maintenance.mode_changed` with the write. */
    async set(productId: string, input: TSetMaintenanceParsed, actor: Actor): Promise<TMaintenanceConfig> {
      const now = clock();
      const bypassIps = validate(input, now);
      const at = isoNow(clock);
      const { doc } = await repo.updateConfig(
        productId,
        (current) => {
          const start = input.scheduledStart ? iso(input.scheduledStart) : undefined;
          // The same start keeps its "already started" mark; a new one is started by the window job.
          const keepStarted = start !== undefined && current?.maintenanceConfig.scheduledStart === start;
          return {
            id: CONFIG_ID,
            productId,
            scope: 'maintenance',
            ownerId: null,
            maintenanceConfig: {
              mode: input.mode,
              message: input.message,
              ...(input.adminMessage ? { adminMessage: input.adminMessage } : {}),
              bypassRoles: [...new Set(input.bypassRoles)],
              bypassIPs: bypassIps,
              ...(start ? { scheduledStart: start } : {}),
              ...(input.scheduledEnd ? { scheduledEnd: iso(input.scheduledEnd) } : {}),
              affectedServices: [...new Set(input.affectedServices)],
              updatedAt: at,
              updatedBy: actor.email,
            },
            scheduledMode: start ? (input.scheduledMode ?? 'maintenance') : null,
            windowStartedAt: keepStarted ? (current?.windowStartedAt ?? null) : null,
            updatedAt: at,
          };
        },
        (next, current) => modeChange(next, current, 'manual', actor.id),
      );
      gate.invalidate();
      return configOf(doc);
    },

    async schedule(productId: string): Promise<TMaintenanceSchedule> {
      const doc = await repo.readConfig(productId);
      const window = doc ? windowOf(doc, clock()) : undefined;
      return { windows: window ? [window] : [] };
    },

    /**
     * The window job's pass: switches each product whose planned start has come to its window's mode, and back
     * to off once its end has passed (clearing the plan). Each switch is one write with its event.
     */
    async applySchedules(): Promise<{ started: number; ended: number }> {
      let started = 0;
      let ended = 0;
      for (const listed of await repo.listConfigs()) {
        const plan = listed.maintenanceConfig;
        if (!plan.scheduledStart && !plan.scheduledEnd) continue;
        let outcome: 'started' | 'ended' | null = null;
        const { changed } = await repo.updateConfig(
          listed.productId,
          (current) => {
            if (!current) return null;
            const now = clock();
            const at = new Date(now).toISOString();
            const config = current.maintenanceConfig;
            const start = config.scheduledStart ? Date.parse(config.scheduledStart) : null;
            const end = config.scheduledEnd ? Date.parse(config.scheduledEnd) : null;
            if (end !== null && end <= now) {
              outcome = 'ended';
              const { scheduledStart: _s, scheduledEnd: _e, ...rest } = config;
              return {
                ...current,
                maintenanceConfig: { ...rest, mode: 'off', updatedAt: at, updatedBy: 'schedule' },
                scheduledMode: null,
                windowStartedAt: null,
                updatedAt: at,
              };
            }
            if (start !== null && start <= now && current.windowStartedAt === null) {
              outcome = 'started';
              return {
                ...current,
                maintenanceConfig: {
                  ...config,
                  mode: current.scheduledMode ?? 'maintenance',
                  updatedAt: at,
                  updatedBy: 'schedule',
                },
                windowStartedAt: at,
                updatedAt: at,
              };
            }
            outcome = null;
            return null;
          },
          (next, current) => modeChange(next, current, 'schedule', null),
        );
        if (changed && outcome === 'started') started += 1;
        if (changed && outcome === 'ended') ended += 1;
      }
      if (started + ended > 0) gate.invalidate();
      return { started, ended };
    },
  };
};

export type MaintenanceConfigService = ReturnType<typeof createMaintenanceConfigService>;
