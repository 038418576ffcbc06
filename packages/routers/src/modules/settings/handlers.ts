import type { Subscriber } from '@bytelyst/events/bus';
import type { ValuesService } from './values-service';

/** A deleted user's settings and device settings go with them; deleting twice finds nothing. */
export const settingsUserCleanup = (values: ValuesService): Subscriber<'user.deleted'> => ({
  name: 'settings-user-cleanup',
  events: ['user.deleted'],
  description: "Deletes a deleted user's settings and their devices' settings.",
  handle: async (event) => {
    await values.deleteOwnedBy(event.productId, event.data.userId);
  },
});
