import type { TemplateName } from '@bytelyst/emails/templates';
import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { EventType, PlatformEvent } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import type { TNotificationType } from '../notifications/schema';
import type { DeliveryService } from './service';

export type MailingNeeds = {
  users: { get(productId: string, id: string): Promise<{ email: string; name: string }> };
  invitations: { get(productId: string, id: string): Promise<{ code: string; email: string | null }> };
  licenses: { get(productId: string, id: string): Promise<{ keySuffix: string }> };
  planName(productId: string, userId: string, code?: string): Promise<string>;
  appUrl(productId: string): Promise<string>;
  sessions: {
    signInNotice(userId: string, sessionId: string): Promise<Record<string, unknown> | undefined>;
  };
};

type Mail = {
  template: TemplateName;
  category: TNotificationType;
  userId?: string;
  to?: string;
  props: Record<string, unknown>;
};

/** A subscriber that turns an event into one message, sent once per event (its idempotency key). */
const mailer = <K extends EventType>(
  name: string,
  type: K,
  description: string,
  compose: (event: PlatformEvent<K>) => Promise<Mail | undefined>,
  delivery: DeliveryService,
): Subscriber<K> => ({
  name,
  events: [type],
  description,
  handle: async (event: PlatformEvent<K>, ctx: HandlerContext) => {
    const mail = await compose(event);
    if (!mail) return;
    await delivery.send(
      event.productId,
      {
        template: mail.template,
        category: mail.category,
        props: mail.props,
        ...(mail.userId ? { userId: mail.userId } : {}),
        ...(mail.to ? { to: mail.to } : {}),
        idempotencyKey: ctx.idempotencyKey,
      },
      { actorId: null, causedBy: causedBy(event, ctx) },
    );
  },
});

const url = (base: string, path: string) => `${base.replace(/\/$/, '')}${path}`;

/** The platform's own mails and pushes, each on the event that calls for it. */
export const deliverySubscribers = (delivery: DeliveryService, needs: MailingNeeds) => [
  mailer(
    'delivery.welcome',
    'user.created',
    'Mails a new user the welcome template.',
    async (event) => ({
      template: 'welcome',
      category: 'product_updates',
      userId: event.data.userId,
      props: { getStartedUrl: await needs.appUrl(event.productId) },
    }),
    delivery,
  ),
  mailer(
    'delivery.new-sign-in',
    'session.created',
    'Mails the new-sign-in notice, with its "this wasn\'t me" link, when a user signs in from a device never used before.',
    async (event) => {
      if (!event.data.newDevice) return undefined;
      const notice = await needs.sessions.signInNotice(event.data.userId, event.data.sessionId);
      if (!notice) return undefined;
      const user = await needs.users.get(event.productId, event.data.userId);
      return {
        template: 'new-sign-in',
        category: 'security',
        userId: event.data.userId,
        props: {
          ...notice,
          resetPasswordUrl: url(
            await needs.appUrl(event.productId),
            `/forgot-password?email=${encodeURIComponent(user.email)}`,
          ),
        },
      };
    },
    delivery,
  ),
  mailer(
    'delivery.invitation',
    'invitation.created',
    'Mails an invitation an admin addressed to someone (waitlist invitations get waitlist-accepted).',
    async (event) => {
      const email = event.data.email;
      if (!email || event.data.waitlistEntryId || !event.actorId) return undefined;
      const [invitation, inviter] = await Promise.all([
        needs.invitations.get(event.productId, event.data.invitationId),
        needs.users.get(event.productId, event.actorId),
      ]);
      const base = await needs.appUrl(event.productId);
      return {
        template: 'invitation',
        category: 'product_updates',
        to: email,
        props: {
          inviterName: inviter.name,
          inviterEmail: inviter.email,
          acceptUrl: url(base, `/sign-up?invite=${encodeURIComponent(invitation.code)}`),
          ...(event.data.expiresAt ? { expiresAt: event.data.expiresAt } : {}),
        },
      };
    },
    delivery,
  ),
  mailer(
    'delivery.waitlist-accepted',
    'waitlist.invited',
    'Mails a waitlist entry its invitation code.',
    async (event) => ({
      template: 'waitlist-accepted',
      category: 'product_updates',
      to: event.data.email,
      props: {
        inviteCode: event.data.code,
        signUpUrl: url(
          await needs.appUrl(event.productId),
          `/sign-up?invite=${encodeURIComponent(event.data.code)}`,
        ),
      },
    }),
    delivery,
  ),
  mailer(
    'delivery.trial-expiring',
    'subscription.trial_ending',
    'Mails the trial-expiring warning.',
    async (event) => ({
      template: 'trial-expiring',
      category: 'billing',
      userId: event.data.userId,
      props: {
        planName: await needs.planName(event.productId, event.data.userId, event.data.plan),
        daysLeft: event.data.daysLeft,
        trialEndsAt: event.data.trialEnd,
        upgradeUrl: url(await needs.appUrl(event.productId), '/account/billing'),
      },
    }),
    delivery,
  ),
  mailer(
    'delivery.trial-expired',
    'subscription.expired',
    'Mails the trial-expired notice.',
    async (event) => ({
      template: 'trial-expired',
      category: 'billing',
      userId: event.data.userId,
      props: {
        planName: await needs.planName(event.productId, event.data.userId, event.data.plan),
        trialEndedAt: event.data.trialEnd,
        upgradeUrl: url(await needs.appUrl(event.productId), '/account/billing'),
      },
    }),
    delivery,
  ),
  mailer(
    'delivery.license-expiring',
    'license.expiring',
    'Mails the license-expiring warning.',
    async (event) => {
      const license = await needs.licenses.get(event.productId, event.data.licenseId);
      const suffix = license.keySuffix.replace(/[^A-Za-z0-9]/g, '').slice(-8);
      return {
        template: 'license-expiring',
        category: 'billing',
        userId: event.data.userId,
        props: {
          licenseKeySuffix: suffix.length >= 4 ? suffix : suffix.padStart(4, '0'),
          expiresAt: event.data.expiresAt,
          renewUrl: url(await needs.appUrl(event.productId), '/account/licenses'),
        },
      };
    },
    delivery,
  ),
  {
    name: 'delivery.subscription-change',
    events: ['subscription.changed'],
    description: "Pushes a subscription change to the user's devices (when they have any).",
    handle: async (event: PlatformEvent<'subscription.changed'>, ctx: HandlerContext) => {
      // A subscription's id is its user's id (one subscription per user and product).
      const userId = event.data.subscriptionId;
      if (event.data.oldPlan === event.data.newPlan) return;
      try {
        await delivery.send(
          event.productId,
          {
            userId,
            category: 'billing',
            push: {
              type: 'subscription_change',
              title: 'Your plan changed',
              body: `You are now on ${await needs.planName(event.productId, userId, event.data.newPlan)}.`,
            },
            idempotencyKey: ctx.idempotencyKey,
          },
          { actorId: null, causedBy: causedBy(event, ctx) },
        );
      } catch (error) {
        // A user without a push-capable device simply gets no push.
        if (error instanceof AppError && error.fields?.[0]?.path === 'userId') return;
        throw error;
      }
    },
  } satisfies Subscriber<'subscription.changed'>,
];
