import type { ModuleDeps } from '../../module-deps';
import { createDevicesService } from './devices-service';
import { notificationsUserCleanup } from './handlers';
import { createPreferencesService } from './preferences-service';
import { createNotificationsRepository } from './repository';

/** Notification devices (push tokens, locale, zone) and per-type, per-channel preferences. */
export const createNotificationsModule = (deps: ModuleDeps) => {
  const repo = createNotificationsRepository(deps.store);
  const devices = createDevicesService({ repo, clock: deps.clock, bus: deps.bus });
  const preferences = createPreferencesService({ repo, clock: deps.clock, bus: deps.bus });
  deps.bus.subscribe(notificationsUserCleanup(devices, preferences));
  return { devices, preferences };
};

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
