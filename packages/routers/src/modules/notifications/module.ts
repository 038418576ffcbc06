import { defineModule } from '../../module';
import { NOTIFICATIONS_CONTAINERS } from './containers';
import { createDevicesService } from './devices-service';
import { notificationsUserCleanup } from './handlers';
import { createPreferencesService } from './preferences-service';
import { createNotificationsRepository } from './repository';

/** Notification devices (push tokens, locale, zone) and per-type, per-channel preferences. */
export const notificationsModule = defineModule({
  name: 'notifications',
  containers: NOTIFICATIONS_CONTAINERS,
  create: ({ store, clock, bus }) => {
    const repo = createNotificationsRepository(store);
    const devices = createDevicesService({ repo, clock, bus });
    const preferences = createPreferencesService({ repo, clock, bus });
    return {
      service: { devices, preferences },
      subscribers: [notificationsUserCleanup(devices, preferences)],
    };
  },
});

export type NotificationsService = ReturnType<typeof notificationsModule.create>['service'];
