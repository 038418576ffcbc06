import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { PLATFORM_PRODUCT_ID } from '@bytelyst/scheduler/schema';
import { isAppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import type { DeliveryService } from '../delivery/service';
import type { UsersService } from '../users/service';

export type ReminderNeeds = {
  delivery: Pick<DeliveryService, 'send'>;
  users: Pick<UsersService, 'list'>;
  /** Where platform-wide secrets' admins are (DEFAULT_PRODUCT_ID). */
  defaultProductId: string;
  consoleUrl: string;
};

/** The product's active admins and super_admins, up to 100 of each. */
const adminsOf = async (needs: ReminderNeeds, productId: string) => {
  const lists = await Promise.all(
    (['admin', 'super_admin'] as const).map((role) =>
      needs.users.list(productId, { role, status: 'active', limit: 100 }),
    ),
  );
  const seen = new Map<string, { id: string }>();
  for (const user of lists.flatMap((list) => list.items)) seen.set(user.id, user);
  return [...seen.values()];
};

/** `secret.expiring` mails each admin of the secret's product (the default product's, for platform-wide ones). */
export const reminderSubscriber = (needs: ReminderNeeds): Subscriber<'secret.expiring'> => ({
  name: 'secrets.mail.expiring',
  events: ['secret.expiring'],
  description: "Mails the product's admins that a secret expires soon (once per secret version).",
  handle: async (event: PlatformEvent<'secret.expiring'>, ctx: HandlerContext) => {
    const productId = event.productId === PLATFORM_PRODUCT_ID ? needs.defaultProductId : event.productId;
    for (const admin of await adminsOf(needs, productId)) {
      try {
        await needs.delivery.send(
          productId,
          {
            userId: admin.id,
            template: 'secret-expiring',
            category: 'security',
            props: {
              secretName: event.data.name,
              scope: event.data.scope,
              version: event.data.version,
              expiresAt: event.data.expiresAt,
              manageUrl: `${needs.consoleUrl.replace(/\/+$/, '')}/ops/secrets`,
            },
            idempotencyKey: `${ctx.idempotencyKey}:${admin.id}`,
          },
          { actorId: null, causedBy: causedBy(event, ctx) },
        );
      } catch (error) {
        // Deleted since the list was read: no one to write to.
        if (isAppError(error) && error.code === 'NOT_FOUND') continue;
        throw error;
      }
    }
  },
});
