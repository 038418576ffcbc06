import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import {
  type NormalizedSendgridEvent,
  sendgridEventSuppresses,
  sendgridEventToStatus,
} from './channels/sendgrid-events';
import { withStatus } from './log-entry';
import type { DeliveryRepository } from './repository';
import type { DeliveryService } from './service';

const BOUNCE_STATUSES = new Set(['bounced', 'dropped', 'spam_report']);

/**
 * What providers report after sending, applied to the log. Each event is applied once (its id is kept on the
 * timeline) and in any order: the entry keeps the highest status reached, so an `open` that arrives before
 * `delivered` does not roll it back. Hard bounces, drops and spam reports suppress the address.
 */
export const createProviderEvents = (deps: {
  repo: DeliveryRepository;
  service: DeliveryService;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, bus } = deps;

  const applyOne = async (event: NormalizedSendgridEvent): Promise<boolean> => {
    const status = sendgridEventToStatus(event);
    if (!status || !event.deliveryId || !event.productId) return false;
    const productId = event.productId;
    const at = new Date(event.timestamp).toISOString();
    const detail = [event.reason, event.url].filter(Boolean).join(' ') || null;
    const result = await repo.log.mutate(
      productId,
      event.deliveryId,
      (current) => {
        if (current.timeline.some((item) => item.ref === event.sgEventId)) return null;
        return withStatus(current, status, at, detail, event.sgEventId);
      },
      (next, current) =>
        BOUNCE_STATUSES.has(next.status) && next.status !== current.status && sendgridEventSuppresses(event)
          ? bus.stage(
              'delivery.bounced',
              {
                deliveryId: next.id,
                userId: next.userId,
                email: next.to,
                status: next.status as 'bounced' | 'dropped' | 'spam_report',
                reason: event.reason ?? null,
              },
              { productId, actorId: null },
            )
          : undefined,
    );
    if (!result) return false;
    // Also on a redelivered event: the suppression may not have been written the first time.
    if (sendgridEventSuppresses(event)) {
      await deps.service.addSuppression(
        productId,
        event.email,
        status === 'spam_report' ? 'spam_report' : status === 'dropped' ? 'dropped' : 'bounced',
        event.reason ?? null,
        event.deliveryId,
      );
    }
    return result.changed;
  };

  return {
    async applySendgrid(events: readonly NormalizedSendgridEvent[]) {
      let applied = 0;
      let unknown = 0;
      for (const event of events) {
        if (await applyOne(event)) applied += 1;
        else unknown += 1;
      }
      return { applied, ignored: unknown };
    },
  };
};

export type ProviderEvents = ReturnType<typeof createProviderEvents>;
