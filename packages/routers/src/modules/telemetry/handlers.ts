import type { Subscriber } from '@bytelyst/events/bus';
import type { TelemetryEventsService } from './events-service';

/** A deleted user's telemetry is erased with them (GDPR); erasing twice finds nothing the second time. */
export const telemetryUserErasure = (
  events: Pick<TelemetryEventsService, 'eraseUser'>,
): Subscriber<'user.deleted'> => ({
  name: 'telemetry-user-erasure',
  events: ['user.deleted'],
  description: "Deletes a deleted user's telemetry events and scrubs them from error clusters.",
  handle: async (event) => {
    await events.eraseUser(event.productId, event.data.userId, event.actorId);
  },
});
