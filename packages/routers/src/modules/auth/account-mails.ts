import type { Subscriber } from '@bytelyst/events/bus';
import { isAppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import type { RecoveryDeps } from './password-reset';

/** Where the password-changed notice sends someone who did not make the change: a fresh reset request. */
export const forgotPasswordUrl = (passwordResetUrlBase: string, email: string): string => {
  const url = new URL('forgot-password', passwordResetUrlBase);
  url.searchParams.set('email', email);
  return url.toString();
};

/** Mails the password-changed notice, once per change (the event's idempotency key). */
export const createPasswordChangedMailer = (
  deps: Pick<RecoveryDeps, 'delivery' | 'config'>,
): Subscriber<'user.password_changed'> => ({
  name: 'auth.password-changed-mail',
  events: ['user.password_changed'],
  description: 'Mails the password-changed notice, with a link to reset again for an owner who did not.',
  handle: async (event, ctx) => {
    try {
      await deps.delivery.send(
        event.productId,
        {
          userId: event.data.userId,
          template: 'password-changed',
          category: 'security',
          props: {
            changedAt: event.at,
            secureAccountUrl: forgotPasswordUrl(deps.config.passwordResetUrlBase, event.data.email),
          },
          idempotencyKey: ctx.idempotencyKey,
        },
        { actorId: null, causedBy: causedBy(event, ctx) },
      );
    } catch (error) {
      // The user was deleted since: nobody to tell.
      if (isAppError(error) && error.code === 'NOT_FOUND') return;
      throw error;
    }
  },
});
