import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { causedBy } from '../../lib/caused-by';
import type { DeliveryService } from '../delivery/service';
import type { UsersService } from '../users/service';

type AlertEvent = PlatformEvent<'webhook.endpoint_failing' | 'webhook.endpoint_disabled'>;

/** Every active admin of the product (admins and super admins), paged through. */
const adminsOf = async (users: UsersService, productId: string) => {
  const out: { id: string; email: string; name: string }[] = [];
  for (const role of ['admin', 'super_admin'] as const) {
    let cursor: string | undefined;
    do {
      const page = await users.list(productId, {
        role,
        status: 'active',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return [...new Map(out.map((user) => [user.id, user])).values()];
};

/** Mails the product's admins when an endpoint starts failing or is disabled by the platform. */
export const webhookAlertSubscriber = (deps: {
  users: UsersService;
  delivery: DeliveryService;
  consoleUrl: string;
}): Subscriber<'webhook.endpoint_failing' | 'webhook.endpoint_disabled'> => ({
  name: 'webhooks.admin-alert',
  events: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'],
  description:
    "Mails the product's admins the webhook-endpoint-alert when an endpoint is failing or was disabled.",
  async handle(event: AlertEvent, ctx: HandlerContext) {
    const disabled = event.type === 'webhook.endpoint_disabled';
    const manageUrl = `${deps.consoleUrl.replace(/\/$/, '')}/ops/webhooks/${event.data.endpointId}`;
    for (const admin of await adminsOf(deps.users, event.productId)) {
      await deps.delivery.send(
        event.productId,
        {
          template: 'webhook-endpoint-alert',
          category: 'security',
          userId: admin.id,
          props: {
            endpointUrl: event.data.url,
            state: disabled ? 'disabled' : 'failing',
            ...(event.type === 'webhook.endpoint_disabled' ? { reason: event.data.reason } : {}),
            consecutiveFailures: event.data.consecutiveFailures,
            lastError: event.data.lastError.slice(0, 500),
            manageUrl,
          },
          idempotencyKey: `${ctx.idempotencyKey}:${admin.id}`,
        },
        { actorId: null, causedBy: causedBy(event, ctx) },
      );
    }
  },
});
