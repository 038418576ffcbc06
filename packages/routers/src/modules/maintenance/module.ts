import type { JobRegistry } from '@bytelyst/scheduler/registry';
import type { JobsRepository } from '@bytelyst/scheduler/repository';
import { isoNow } from '../../lib/time';
import { defineModule } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { KillSwitchService } from '../settings/kill-switch';
import {
  createMaintenanceConfigService,
  DEFAULT_BYPASS_ROLES,
  type MaintenanceDefaults,
} from './config-service';
import { createMaintenanceGate } from './gate';
import { createMaintenanceRepository } from './repository';
import type { TMaintenanceConfig } from './schema';
import type { MaintenanceStatusHook } from './status-hook';
import { createMaintenanceSwitch } from './switch';
import { createSwitchSteps } from './switch-steps';
import { createWindowJob } from './window-job';

/** How long an instance enforces a product's maintenance config from memory; its own writes drop it at once. */
export const MAINTENANCE_CACHE_TTL_MS = 2_000;

export type MaintenanceConfigOptions = MaintenanceDefaults & {
  /**
   * A status page to open windows on when the status module is not listed (an external one, or a test's);
   * when set, it is used instead of `services.status`.
   */
  statusHook?: MaintenanceStatusHook;
};

type Needs = {
  settings: { killSwitch: KillSwitchService };
  delivery: Pick<DeliveryModuleService, 'maintenance'>;
  jobRegistry: JobRegistry;
  jobsRepo: JobsRepository;
  status?: MaintenanceStatusHook;
};

/**
 * Maintenance mode (roadmap §2.10): the per-product config in the `settings` container, enforced on both faces
 * by the API's maintenance plugin from `gate`, planned windows switched by a job, and the coordinated switch
 * that carries every mode change out across jobs, sends, the status page and the kill switch.
 */
export const maintenanceModule = defineModule({
  name: 'maintenance',
  create: ({ store, clock, bus, config }, needs: Needs) => {
    const options = config.maintenance;
    const startedAt = isoNow(clock);
    const starting = (): TMaintenanceConfig => ({
      mode: options?.mode ?? 'off',
      message: '',
      bypassRoles: [...DEFAULT_BYPASS_ROLES],
      bypassIPs: [...(options?.bypassIps ?? [])],
      affectedServices: ['*'],
      updatedAt: startedAt,
      updatedBy: 'env',
    });
    const repo = createMaintenanceRepository(store);
    const gate = createMaintenanceGate({ repo, clock, starting, ttlMs: MAINTENANCE_CACHE_TTL_MS });
    const service = createMaintenanceConfigService({ repo, clock, bus, gate, starting });
    const steps = createSwitchSteps({
      clock,
      jobs: { registry: needs.jobRegistry, repo: needs.jobsRepo },
      sends: needs.delivery.maintenance,
      killSwitch: needs.settings.killSwitch,
      status: options?.statusHook ?? needs.status,
    });
    const coordinator = createMaintenanceSwitch({ repo, clock, bus, config: service, steps });
    return {
      service: { ...service, gate, getSwitch: coordinator.get },
      subscribers: [coordinator.subscriber],
      jobs: [createWindowJob(service)],
    };
  },
});

export type MaintenanceService = ReturnType<typeof maintenanceModule.create>['service'];
