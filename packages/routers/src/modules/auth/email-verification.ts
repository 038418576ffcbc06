import type { Subscriber } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { DAY_MS, MINUTE_MS } from '../../lib/time';
import type { Actor } from '../users/rules';
import type { TUser } from '../users/schema';
import { afterTheAnswer, emailKey, linkWithToken, RECOVERY_LIMITS, withinLimits } from './limits';
import type { OneTimeTokens } from './one-time-tokens';
import type { RecoveryDeps } from './password-reset';
import type { TAcceptedOutput } from './recovery-schema';

/** How long a verification link works (the mail says so). */
export const VERIFY_TOKEN_VALID_MS = DAY_MS;

export const VERIFICATION_ACCEPTED: TAcceptedOutput = {
  accepted: true,
  message: 'If this address has an account waiting to be verified, a new link is on its way.',
};

const invalidLink = () =>
  new AppError('BAD_REQUEST', 'This verification link is invalid or has expired. Ask for a new one.', {
    fields: [{ path: 'token', message: 'Invalid or expired' }],
  });

type Recipient = Pick<TUser, 'id' | 'productId' | 'email'>;

/**
 * Email verification: a link mailed at sign-up and whenever the address changes; following it marks the
 * address verified. A token proves one address: once the user's address changes, its older links are void.
 */
export const createEmailVerification = (deps: RecoveryDeps & { tokens: OneTimeTokens }) => {
  const { users, tokens, bus } = deps;

  /** Mails a verification link for the user's current address. */
  const mailLink = async (user: Recipient): Promise<void> => {
    const { token, doc } = await tokens.issue(user.productId, user.id, VERIFY_TOKEN_VALID_MS, {
      email: user.email,
    });
    await deps.delivery.send(
      user.productId,
      {
        userId: user.id,
        template: 'verify-email',
        category: 'security',
        props: {
          verifyUrl: linkWithToken(deps.config.emailVerifyUrlBase, token),
          expiresInMinutes: VERIFY_TOKEN_VALID_MS / MINUTE_MS,
        },
        idempotencyKey: `verify-email:${doc.id}`,
      },
      { actorId: null, sealProps: ['verifyUrl'] },
    );
  };

  const markVerified = (user: Recipient, actorId: string) =>
    users.markEmailVerified(
      user.productId,
      user.id,
      bus.stage(
        'user.email_verified',
        { userId: user.id, email: user.email },
        { productId: user.productId, actorId },
      ),
    );

  /** Mails a link to the account at `email` when it is active and still unverified; else nothing. */
  const mailLinkByEmail = async (productId: string, email: string): Promise<void> => {
    const user = await users.findByEmail(productId, email);
    if (user?.status === 'active' && !user.emailVerified) await mailLink(user);
  };

  const subscriber: Subscriber<'auth.verification_requested'> = {
    name: 'auth.verification-mail',
    events: ['auth.verification_requested'],
    description: 'Mails a new verification link when the address belongs to an unverified account.',
    handle: async (event) => {
      await afterTheAnswer();
      await mailLinkByEmail(event.productId, event.data.email);
    },
  };

  return {
    subscriber,
    mailLink,
    async verify(token: string): Promise<{ verified: true; email: string }> {
      const doc = await tokens.find(token);
      if (!doc) throw invalidLink();
      const user = await users.find(doc.productId, doc.userId);
      if (!user || user.email !== doc.email) throw invalidLink();
      if (!(await tokens.consume(doc))) throw invalidLink();
      await markVerified(user, user.id);
      return { verified: true, email: user.email };
    },
    /**
     * A new link. Signed in: for the caller's own address. Without a session (a sign-in refused for an
     * unverified address): for `email`, answered the same whether an account uses it, within the same kind
     * of limits as a reset request.
     */
    async resend(
      productId: string,
      who: { userId: string } | { email: string },
      meta: { ip: string },
    ): Promise<TAcceptedOutput> {
      if ('userId' in who) {
        const allowed = await withinLimits(deps.rateCounters, [
          { key: `auth:verify:user:${who.userId}`, window: RECOVERY_LIMITS.perUser },
        ]);
        const user = allowed ? await users.load(productId, who.userId) : undefined;
        if (user && !user.emailVerified) await mailLink(user);
        return VERIFICATION_ACCEPTED;
      }
      const allowed = await withinLimits(deps.rateCounters, [
        { key: `auth:verify:ip:${meta.ip}`, window: RECOVERY_LIMITS.perIp },
        { key: `auth:verify:email:${emailKey(productId, who.email)}`, window: RECOVERY_LIMITS.perEmail },
      ]);
      if (allowed)
        await bus.emit('auth.verification_requested', { email: who.email }, { productId, actorId: null });
      return VERIFICATION_ACCEPTED;
    },
    /** An admin's resend: no limit, and refused (409) once the address is verified. */
    async resendFor(productId: string, id: string): Promise<{ id: string; email: string; sent: true }> {
      const user = await users.load(productId, id);
      if (user.emailVerified) {
        throw new AppError('CONFLICT', 'This address is already verified');
      }
      await mailLink(user);
      return { id, email: user.email, sent: true };
    },
    /** An admin vouches for the address (audited as the admin's action). */
    async markVerifiedBy(productId: string, id: string, actor: Actor): Promise<TUser> {
      return markVerified(await users.load(productId, id), actor.userId);
    },
    /**
     * Moves the user to another address, unverified, and mails that address a link. Admins call it today;
     * the user's own change of address will call the same.
     */
    async changeEmail(productId: string, actor: Actor, id: string, email: string): Promise<TUser> {
      const before = await users.load(productId, id);
      const user = await users.setEmail(productId, actor, id, email);
      if (user.email !== before.email) await mailLink(user);
      return user;
    },
  };
};

export type EmailVerification = ReturnType<typeof createEmailVerification>;
