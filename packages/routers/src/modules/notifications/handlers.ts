import type { Subscriber } from '@bytelyst/events/bus';
import type { DevicesService } from './devices-service';
import type { PreferencesService } from './preferences-service';

/** A deleted user's devices (and so their push tokens) and preferences go with them. */
export const notificationsUserCleanup = (
  devices: Pick<DevicesService, 'deleteOfUser'>,
  preferences: Pick<PreferencesService, 'delete'>,
): Subscriber<'user.deleted'> => ({
  name: 'notifications-user-cleanup',
  events: ['user.deleted'],
  description: "Deletes a deleted user's devices and notification preferences.",
  handle: async (event) => {
    await devices.deleteOfUser(event.productId, event.data.userId);
    await preferences.delete(event.productId, event.data.userId);
  },
});
