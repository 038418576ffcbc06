import { defineModule } from '../../module';
import { SETTINGS_CONTAINERS } from './containers';
import { settingsUserCleanup } from './handlers';
import { createKillSwitchService } from './kill-switch';
import { createSettingsRepository } from './repository';
import { createValuesService } from './values-service';

/** How long an instance answers the kill-switch poll from memory; its own writes drop the copy at once. */
export const KILL_SWITCH_CACHE_TTL_MS = 5_000;

/** Settings: user and device settings (merge with null deleting a key) and the per-product kill switch. */
export const settingsModule = defineModule({
  name: 'settings',
  containers: SETTINGS_CONTAINERS,
  create: ({ store, clock, bus }) => {
    const repo = createSettingsRepository(store);
    const values = createValuesService({ repo, clock });
    const killSwitch = createKillSwitchService({ repo, clock, bus, ttlMs: KILL_SWITCH_CACHE_TTL_MS });
    return { service: { ...values, killSwitch }, subscribers: [settingsUserCleanup(values)] };
  },
});
