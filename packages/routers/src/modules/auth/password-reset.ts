import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { assertPasswordAllowed } from '../../lib/password-policy';
import { HOUR_MS, MINUTE_MS } from '../../lib/time';
import type { DeliveryModuleService } from '../delivery/module';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import type { IdentityConfig } from './config';
import { afterTheAnswer, emailKey, linkWithToken, RECOVERY_LIMITS, withinLimits } from './limits';
import type { OneTimeTokens } from './one-time-tokens';
import type { TAcceptedOutput, TResetPasswordInput } from './recovery-schema';

/** How long a reset link works (roadmap §2.5; OWASP: short-lived). */
export const RESET_TOKEN_VALID_MS = HOUR_MS;

export const RESET_ACCEPTED: TAcceptedOutput = {
  accepted: true,
  message: 'If an account uses this address, a link to reset its password is on its way.',
};

const invalidLink = () =>
  new AppError('BAD_REQUEST', 'This reset link is invalid or has expired. Ask for a new one.', {
    fields: [{ path: 'token', message: 'Invalid or expired' }],
  });

export type RecoveryDeps = {
  users: UsersService;
  sessions: SessionsService;
  delivery: Pick<DeliveryModuleService, 'send'>;
  bus: EventBus;
  rateCounters: RateCounters;
  config: IdentityConfig;
};

/**
 * Password reset (OWASP Forgot Password cheat sheet). A request is answered before anything about the account
 * is known: it counts against the limits and, within them, emits `auth.password_reset_requested`; the
 * subscriber looks the account up and mails the link. Known and unknown addresses therefore take the same path
 * to the same answer (bench/forgot-password-bench.ts measures it).
 */
export const createPasswordReset = (deps: RecoveryDeps & { tokens: OneTimeTokens }) => {
  const { users, tokens, bus } = deps;

  /** Mails a new link to the account at `email`, if there is an active one; older links stop working. */
  const mailLink = async (productId: string, email: string): Promise<void> => {
    const user = await users.findByEmail(productId, email);
    if (user?.status !== 'active') return;
    const { token, doc } = await tokens.issue(productId, user.id, RESET_TOKEN_VALID_MS, {
      email: user.email,
    });
    await tokens.invalidateOlder(doc);
    await deps.delivery.send(
      productId,
      {
        userId: user.id,
        template: 'password-reset',
        category: 'security',
        props: {
          resetUrl: linkWithToken(deps.config.passwordResetUrlBase, token),
          expiresInMinutes: RESET_TOKEN_VALID_MS / MINUTE_MS,
        },
        idempotencyKey: `password-reset:${doc.id}`,
      },
      { actorId: null, sealProps: ['resetUrl'] },
    );
  };

  const subscriber: Subscriber<'auth.password_reset_requested'> = {
    name: 'auth.password-reset-mail',
    events: ['auth.password_reset_requested'],
    description: 'Mails a password reset link when the address belongs to an active account (else nothing).',
    // A redelivery mails a fresh link, which voids the one before: the newest mail always works.
    handle: async (event) => {
      await afterTheAnswer();
      await mailLink(event.productId, event.data.email);
    },
  };

  return {
    subscriber,
    /** The same answer, after the same work, whether or not the account exists or a limit was reached. */
    async request(productId: string, email: string, meta: { ip: string }): Promise<TAcceptedOutput> {
      const allowed = await withinLimits(deps.rateCounters, [
        { key: `auth:reset:ip:${meta.ip}`, window: RECOVERY_LIMITS.perIp },
        { key: `auth:reset:email:${emailKey(productId, email)}`, window: RECOVERY_LIMITS.perEmail },
      ]);
      if (allowed) await bus.emit('auth.password_reset_requested', { email }, { productId, actorId: null });
      return RESET_ACCEPTED;
    },
    /**
     * Sets the new password with a link's token: the token is spent, every session of the user is revoked,
     * `user.password_changed` (committed with the new hash) writes the audit entry and mails the notice, and the
     * address counts as verified (the link reached it).
     */
    async reset(input: TResetPasswordInput, meta: { ip: string; requestId: string }): Promise<{ ok: true }> {
      const doc = await tokens.find(input.token);
      if (!doc) throw invalidLink();
      const user = await users.find(doc.productId, doc.userId);
      // A link mailed to an address the account no longer has is void, like a verification link.
      if (user?.status !== 'active' || user.email !== doc.email) throw invalidLink();
      // The policy first, so a refused password leaves the link usable for another try.
      await assertPasswordAllowed(input.newPassword, user.email, 'newPassword');
      if (!(await tokens.consume(doc))) throw invalidLink();
      await users.setPassword(doc.productId, user.id, input.newPassword, {
        field: 'newPassword',
        outbox: (changed) =>
          bus.stage(
            'user.password_changed',
            {
              userId: changed.id,
              email: changed.email,
              via: 'reset',
              requestId: meta.requestId,
              ip: meta.ip,
            },
            { productId: doc.productId, actorId: changed.id },
          ),
      });
      await deps.sessions.revokeAll(user.id, 'password_reset');
      // Following the link proved the mailbox, as a verification link would.
      if (!user.emailVerified) {
        await users.markEmailVerified(
          doc.productId,
          user.id,
          bus.stage(
            'user.email_verified',
            { userId: user.id, email: user.email },
            { productId: doc.productId, actorId: user.id },
          ),
        );
      }
      return { ok: true };
    },
  };
};

export type PasswordReset = ReturnType<typeof createPasswordReset>;
