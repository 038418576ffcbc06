import type { TemplateName } from '@bytelyst/emails/templates';
import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { EventType, PlatformEvent } from '@bytelyst/events/catalogue';
import { isAppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import type { AuditService } from '../audit/service';
import type { DeliveryService } from '../delivery/service';
import type { DunningRepository } from './repository';
import { FINAL_WARNING_ATTEMPTS, type TDunningCase, type TDunningStage } from './schema';
import type { DunningCore } from './service';

const PAGE = 100;

/** Billing's invoice events drive the cases (each transition commits with its dunning event). */
export const invoiceSubscribers = (core: DunningCore) => [
  {
    name: 'dunning.payment-failed',
    events: ['payment.failed'],
    description:
      "Opens the invoice's dunning case, or moves it to the final warning at Stripe's third attempt.",
    handle: async (event: PlatformEvent<'payment.failed'>) => {
      await core.onPaymentFailed(event.productId, event.data, event.at);
    },
  } satisfies Subscriber<'payment.failed'>,
  {
    name: 'dunning.payment-succeeded',
    events: ['payment.succeeded'],
    description: "Ends the invoice's open dunning case (recovered), or remembers the invoice as paid.",
    handle: async (event: PlatformEvent<'payment.succeeded'>) => {
      await core.onPaymentSucceeded(event.productId, event.data, event.at);
    },
  } satisfies Subscriber<'payment.succeeded'>,
];

export type MailNeeds = {
  delivery: Pick<DeliveryService, 'send'>;
  planName(productId: string, code: string): Promise<string>;
  appUrl(productId: string): Promise<string>;
  freePlan(productId: string): Promise<{ code: string; name: string }>;
};

type Mail = { template: TemplateName; props: Record<string, unknown> };

/**
 * One mail per dunning event, sent through delivery under the event's idempotency key (a redelivery sends
 * nothing twice) and noted on the case, so the console shows what each account was sent.
 */
const mailer = <K extends 'dunning.started' | 'dunning.final_warning' | 'dunning.downgraded'>(
  type: K,
  stage: TDunningStage,
  deps: { repo: DunningRepository; core: DunningCore },
  compose: (c: TDunningCase, event: PlatformEvent<K>) => Promise<Mail | undefined>,
  needs: MailNeeds,
): Subscriber<K> => ({
  name: `dunning.mail.${stage}`,
  events: [type],
  description: `Mails the ${stage.replace('_', ' ')} notice of a dunning case through delivery.`,
  handle: async (event: PlatformEvent<K>, ctx: HandlerContext) => {
    const doc = await deps.repo.getCase(event.productId, event.data.caseId);
    if (!doc) return;
    const mail = await compose(doc, event);
    if (!mail) return;
    let receipt: { id: string; status: string } | undefined;
    try {
      const sent = await needs.delivery.send(
        event.productId,
        {
          userId: doc.userId,
          template: mail.template,
          category: 'billing',
          props: mail.props,
          idempotencyKey: ctx.idempotencyKey,
        },
        { actorId: null, causedBy: causedBy(event, ctx) },
      );
      receipt = sent.deliveries.find((d) => d.channel === 'email');
    } catch (error) {
      // The user was deleted since: there is no one to write to.
      if (isAppError(error) && error.code === 'NOT_FOUND') return;
      throw error;
    }
    await deps.core.recordMail(event.productId, doc.id, {
      template: mail.template,
      stage,
      deliveryId: receipt?.id ?? null,
      status: receipt?.status ?? 'not_sent',
      at: event.at,
    });
  },
});

const billingUrl = (base: string) => `${base.replace(/\/$/, '')}/account/billing`;
const amountOf = (c: TDunningCase) => ({
  amountMinor: Math.max(1, c.amountDue),
  currency: c.currency.toUpperCase(),
});

export const mailSubscribers = (deps: { repo: DunningRepository; core: DunningCore }, needs: MailNeeds) => [
  mailer(
    'dunning.started',
    'started',
    deps,
    async (c, event) => {
      // Opened at Stripe's third attempt already: the final warning, sent with it, says all this and more.
      if (event.data.attemptCount >= FINAL_WARNING_ATTEMPTS) return undefined;
      return {
        template: 'payment-failed',
        props: {
          ...amountOf(c),
          planName: await needs.planName(event.productId, c.plan),
          updatePaymentUrl: billingUrl(await needs.appUrl(event.productId)),
          ...(c.hostedInvoiceUrl ? { invoiceUrl: c.hostedInvoiceUrl } : {}),
          ...(c.nextRetryAt ? { nextRetryAt: c.nextRetryAt } : {}),
        },
      };
    },
    needs,
  ),
  mailer(
    'dunning.final_warning',
    'final_warning',
    deps,
    async (c, event) => ({
      template: 'dunning-final-warning',
      props: {
        ...amountOf(c),
        planName: await needs.planName(event.productId, c.plan),
        freePlanName: (await needs.freePlan(event.productId)).name,
        downgradeAt: c.graceEndsAt,
        attempts: Math.max(1, event.data.attemptCount),
        updatePaymentUrl: billingUrl(await needs.appUrl(event.productId)),
        ...(c.hostedInvoiceUrl ? { invoiceUrl: c.hostedInvoiceUrl } : {}),
      },
    }),
    needs,
  ),
  mailer(
    'dunning.downgraded',
    'downgraded',
    deps,
    async (c, event) => ({
      template: 'dunning-downgraded',
      props: {
        ...amountOf(c),
        fromPlanName: await needs.planName(event.productId, c.plan),
        toPlanName: await needs.planName(event.productId, event.data.toPlan),
        downgradedAt: c.downgradedAt ?? event.at,
        resubscribeUrl: billingUrl(await needs.appUrl(event.productId)),
      },
    }),
    needs,
  ),
];

const DUNNING_EVENTS = [
  'dunning.started',
  'dunning.final_warning',
  'dunning.downgraded',
  'dunning.recovered',
] as const satisfies readonly EventType[];
type DunningEvent = PlatformEvent<(typeof DUNNING_EVENTS)[number]>;

/**
 * Every transition in the audit log, written from its event (idempotent on the event id). The actor is the
 * platform itself: Stripe's webhook or the grace-period job moved the case, not an admin.
 */
export const auditSubscriber = (
  audit: Pick<AuditService, 'recordOnce'>,
): Subscriber<(typeof DUNNING_EVENTS)[number]> => ({
  name: 'dunning.audit',
  events: [...DUNNING_EVENTS],
  description: 'Writes the audit log entry of every dunning transition.',
  priority: 100,
  handle: async (event: DunningEvent) => {
    await audit.recordOnce({
      id: event.id,
      productId: event.productId,
      at: event.at,
      actorId: 'system',
      actorEmail: 'dunning',
      actorTokenId: null,
      action: event.type,
      targetType: 'subscription',
      targetId: event.data.userId,
      requestId: event.id,
      ip: '',
      impersonatedBy: null,
      details: { ...event.data },
    });
  },
});

/** A deleted user's cases go with them (the recovered-revenue history of others stays). */
export const dunningUserErasure = (repo: DunningRepository): Subscriber<'user.deleted'> => ({
  name: 'dunning.user-erasure',
  events: ['user.deleted'],
  description: "Deletes a deleted user's dunning cases.",
  handle: async (event) => {
    for (;;) {
      const page = await repo.ofUser(event.productId, event.data.userId, PAGE);
      if (page.items.length === 0) return;
      for (const doc of page.items) await repo.remove(event.productId, doc.id);
    }
  },
});
