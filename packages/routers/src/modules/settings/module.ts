import type { ModuleDeps } from '../../module-deps';
import { settingsUserCleanup } from './handlers';
import { createKillSwitchService } from './kill-switch';
import { createSettingsRepository } from './repository';
import { createValuesService } from './values-service';

/** How long an instance answers the kill-switch poll from memory; its own writes drop the copy at once. */
export const KILL_SWITCH_CACHE_TTL_MS = 5_000;

/** Settings: user and device settings (merge with null deleting a key) and the per-product kill switch. */
export const createSettingsModule = (deps: ModuleDeps) => {
  const repo = createSettingsRepository(deps.store);
  const values = createValuesService({ repo, clock: deps.clock });
  const killSwitch = createKillSwitchService({
    repo,
    clock: deps.clock,
    bus: deps.bus,
    ttlMs: KILL_SWITCH_CACHE_TTL_MS,
  });
  deps.bus.subscribe(settingsUserCleanup(values));
  return { ...values, killSwitch };
};

export type SettingsModule = ReturnType<typeof createSettingsModule>;
