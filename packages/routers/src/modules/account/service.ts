import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { verifyPassword } from '../../lib/passwords';
import { DAY_MS } from '../../lib/time';
import { linkWithToken } from '../auth/limits';
import type { OneTimeTokens } from '../auth/one-time-tokens';
import type { DeliveryModuleService } from '../delivery/module';
import type { SessionsService } from '../sessions/service';
import type { TUser } from '../users/schema';
import type { UsersService } from '../users/service';
import { sendAccountNotice } from './mails';
import type { TChangePasswordInput, TRequestEmailChangeInput } from './schema';

/** How long the link mailed to a new address works. */
export const EMAIL_CHANGE_VALID_MS = DAY_MS;

/** The signed-in user acting on their own account, as the procedures know them. */
export type Self = { userId: string; sessionId?: string | undefined; requestId: string; ip: string };

const invalidLink = () =>
  new AppError('BAD_REQUEST', 'This link is invalid or has expired. Ask for a new one.', {
    fields: [{ path: 'token', message: 'Invalid or expired' }],
  });

export type AccountProfileDeps = {
  users: UsersService;
  sessions: Pick<SessionsService, 'revokeAll'>;
  delivery: Pick<DeliveryModuleService, 'send'>;
  bus: EventBus;
  clock: Clock;
  tokens: OneTimeTokens;
  /** The console page that confirms a new address (`?token=` is appended). */
  confirmEmailChangeUrl: string;
  /** When the account is due to be deleted, if a deletion is scheduled (deletion.ts). */
  deletionScheduledFor: (productId: string, userId: string) => Promise<string | null>;
};

/** Profile, password and address changes a user makes to their own account. */
export const createAccountProfile = (deps: AccountProfileDeps) => {
  const { users, bus } = deps;

  /** The user, once `password` proved it is them (a 400 naming `field` otherwise). */
  const proven = async (productId: string, userId: string, password: string, field: string) => {
    const doc = await users.load(productId, userId);
    if (!(await verifyPassword(doc.passwordHash, password))) {
      throw new AppError('BAD_REQUEST', 'The password is not correct', {
        fields: [{ path: field, message: 'Incorrect password' }],
        reason: 'wrong_password',
      });
    }
    return doc;
  };

  const addressTaken = () =>
    new AppError('CONFLICT', 'Another account already uses this address', {
      fields: [{ path: 'newEmail', message: 'Already registered' }],
    });

  return {
    proven,
    /** The caller's profile, with the deletion date when one is scheduled. */
    getMine: async (productId: string, userId: string) => ({
      ...users.present(await users.load(productId, userId)),
      deletionScheduledFor: await deps.deletionScheduledFor(productId, userId),
    }),
    updateProfile: (productId: string, self: Self, name: string): Promise<TUser> =>
      users.setName(productId, self.userId, name),

    /**
     * A new password for a user who knows the current one: checked against the policy, the new hash committed
     * with `user.password_changed` (audit entry and the notice mail), then every other session ends.
     */
    async changePassword(productId: string, self: Self, input: TChangePasswordInput) {
      await proven(productId, self.userId, input.currentPassword, 'currentPassword');
      await users.setPassword(productId, self.userId, input.newPassword, {
        field: 'newPassword',
        outbox: (user) =>
          bus.stage(
            'user.password_changed',
            { userId: user.id, email: user.email, via: 'self', requestId: self.requestId, ip: self.ip },
            { productId, actorId: user.id },
          ),
      });
      const revokedSessions = await deps.sessions.revokeAll(self.userId, 'password_changed', {
        ...(self.sessionId ? { exceptSessionId: self.sessionId } : {}),
        actorId: self.userId,
      });
      return { changed: true as const, revokedSessions };
    },

    /**
     * Mails a single-use link to the new address; the account keeps its address until the link is followed.
     * A newer request voids the older links.
     */
    async requestEmailChange(productId: string, self: Self, input: TRequestEmailChangeInput) {
      const doc = await proven(productId, self.userId, input.password, 'password');
      if (input.newEmail === doc.emailLower) {
        throw new AppError('BAD_REQUEST', 'This is already your address', {
          fields: [{ path: 'newEmail', message: 'Same as the current address' }],
        });
      }
      if (await users.findByEmail(productId, input.newEmail)) throw addressTaken();
      const { token, doc: issued } = await deps.tokens.issue(productId, doc.id, EMAIL_CHANGE_VALID_MS, {
        email: input.newEmail,
      });
      await deps.tokens.invalidateOlder(issued);
      await bus.emit(
        'user.email_change_requested',
        { userId: doc.id, newEmail: input.newEmail },
        { productId, actorId: doc.id },
      );
      await sendAccountNotice(deps.delivery, {
        productId,
        userId: doc.id,
        to: input.newEmail,
        notice: 'email_change',
        detail: input.newEmail,
        actionUrl: linkWithToken(deps.confirmEmailChangeUrl, token),
        idempotencyKey: `email-change:${issued.id}`,
      });
      return { accepted: true as const, newEmail: input.newEmail, expiresAt: issued.expiresAt };
    },

    /**
     * Follows the mailed link: the account moves to the new address, verified, with `user.email_changed`
     * committed alongside, and the old address is told.
     */
    async confirmEmailChange(token: string) {
      const found = await deps.tokens.find(token);
      const user = found ? await users.find(found.productId, found.userId) : undefined;
      if (!found?.email || user?.status !== 'active') throw invalidLink();
      if (!(await deps.tokens.consume(found))) throw invalidLink();
      const { productId } = found;
      const newEmail = found.email;
      const moved = await users
        .setEmail(productId, { userId: user.id, roles: user.roles }, user.id, newEmail, {
          outbox: (previousEmail) =>
            bus.stage(
              'user.email_changed',
              { userId: user.id, previousEmail, email: newEmail },
              { productId, actorId: user.id },
            ),
        })
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'CONFLICT') throw addressTaken();
          throw error;
        });
      await sendAccountNotice(deps.delivery, {
        productId,
        userId: user.id,
        to: user.email,
        notice: 'email_changed',
        detail: newEmail,
        idempotencyKey: `email-changed:${found.id}`,
      });
      return { changed: true as const, email: moved.email };
    },
  };
};

export type AccountProfile = ReturnType<typeof createAccountProfile>;
