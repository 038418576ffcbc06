import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { EventPayload } from '@bytelyst/events/catalogue';
import { AppError, isAppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import type { BillingService } from '../billing/module';
import { DEFAULT_DUNNING_GRACE_DAYS } from '../billing/plans/schema';
import type { TDunningBanner } from '../billing/subscriptions/schema';
import type { DunningRepository } from './repository';
import type { TDunningCase, TDunningMail } from './schema';
import { advance, daysLeft, failureStep, type InvoiceFacts, openCase } from './transitions';

export type DunningDeps = {
  repo: DunningRepository;
  clock: Clock;
  bus: EventBus;
  billing: Pick<BillingService, 'plans' | 'subscriptions'>;
};

type Failed = EventPayload<'payment.failed'>;
type Succeeded = EventPayload<'payment.succeeded'>;

/** The facts of an invoice event; events recorded before billing carried them fall back to what they had. */
export const factsOf = (productId: string, data: Failed | Succeeded, at: string): InvoiceFacts => ({
  productId,
  userId: data.userId,
  invoiceId: data.invoiceId,
  attemptCount: data.attemptCount ?? ('retryCount' in data ? data.retryCount + 1 : 0),
  amountDue: data.amountDue ?? data.amount,
  currency: data.currency ?? 'usd',
  hostedInvoiceUrl: ('hostedInvoiceUrl' in data ? data.hostedInvoiceUrl : null) ?? null,
  nextRetryAt: ('nextRetryAt' in data ? data.nextRetryAt : null) ?? null,
  stripeEventAt: data.stripeEventAt ?? at,
});

/** The payload every dunning event carries, from its case. */
export const casePayload = (c: TDunningCase) => ({
  caseId: c.id,
  invoiceId: c.invoiceId,
  userId: c.userId,
  amountDue: c.amountDue,
  currency: c.currency,
  attemptCount: c.attemptCount,
  plan: c.plan,
  graceEndsAt: c.graceEndsAt,
});

export const createDunningCore = (deps: DunningDeps) => {
  const { repo, clock, bus } = deps;
  const system = (productId: string) => ({ productId, actorId: null });

  /** The user's plan and its grace period, when the first failure comes in. */
  const planOf = async (productId: string, userId: string) => {
    try {
      const { subscription, plan } = await deps.billing.subscriptions.get(productId, userId);
      return {
        code: subscription.planCode,
        graceDays: plan?.dunningGraceDays ?? DEFAULT_DUNNING_GRACE_DAYS,
      };
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  };

  /**
   * A failed charge: opens the invoice's case (dunning.started, and dunning.final_warning too when Stripe's
   * count is already 3), moves an open case to the final warning at the third attempt, or changes nothing
   * (a repeat, a late delivery, a closed case, a paid invoice). Each change commits with its events.
   */
  const onPaymentFailed = async (productId: string, data: Failed, eventAt: string): Promise<string> => {
    const facts = factsOf(productId, data, eventAt);
    const at = isoNow(clock);
    for (let round = 0; round < 3; round += 1) {
      const existing = await repo.read(productId, data.invoiceId);
      if (existing?.kind === 'settled') return 'ignored: invoice already paid';
      if (existing) {
        const m = await repo.mutate(
          productId,
          data.invoiceId,
          (current) => advance(current, facts, at),
          (next, current) =>
            next.stage === 'final_warning' && current.stage === 'started'
              ? bus.stage('dunning.final_warning', casePayload(next), system(productId))
              : undefined,
        );
        if (!m?.changed) return 'unchanged';
        return m.doc.stage === 'final_warning' && m.doc.finalWarningAt === at ? 'final warning' : 'updated';
      }
      const step = failureStep(undefined, facts);
      const plan = await planOf(productId, data.userId);
      if (!plan) return 'ignored: no subscription';
      const doc = openCase(facts, plan, at, step === 'start_final');
      const started = bus.stage('dunning.started', casePayload(doc), system(productId));
      const staged =
        step === 'start_final'
          ? started.and('dunning.final_warning', casePayload(doc), system(productId))
          : started;
      if (await repo.createCase({ ...doc, kind: 'case' }, staged)) return 'started';
      // Another delivery created it (or settled it) first: judge this one against what is there now.
    }
    throw new AppError('CONFLICT', `Dunning case ${data.invoiceId} kept changing; try again`);
  };

  /**
   * A paid invoice: ends its open case (dunning.recovered; the banner clears). An invoice with no case is
   * remembered as settled, so a failure event Stripe delivers after the payment opens nothing. A downgraded
   * case stays as it is: the account is already on the free plan and subscribes again on its own.
   */
  const onPaymentSucceeded = async (productId: string, data: Succeeded, eventAt: string): Promise<string> => {
    const facts = factsOf(productId, data, eventAt);
    const at = isoNow(clock);
    for (let round = 0; round < 3; round += 1) {
      const existing = await repo.read(productId, data.invoiceId);
      if (existing?.kind === 'settled') return 'unchanged';
      if (existing) {
        const m = await repo.mutate(
          productId,
          data.invoiceId,
          (current) =>
            current.open
              ? {
                  ...current,
                  stage: 'recovered',
                  open: false,
                  recoveredAt: at,
                  amountPaid: data.amount,
                  lastStripeEventAt: facts.stripeEventAt,
                  updatedAt: at,
                }
              : null,
          (next, current) =>
            current.stage === 'started' || current.stage === 'final_warning'
              ? bus.stage(
                  'dunning.recovered',
                  { ...casePayload(next), amountPaid: data.amount, stage: current.stage },
                  system(productId),
                )
              : undefined,
        );
        return m?.changed ? 'recovered' : 'unchanged';
      }
      const settled = await repo.settle({
        id: data.invoiceId,
        productId,
        userId: data.userId,
        kind: 'settled',
        settledAt: at,
        stripeEventAt: facts.stripeEventAt,
      });
      if (settled) return 'settled';
    }
    throw new AppError('CONFLICT', `Dunning case ${data.invoiceId} kept changing; try again`);
  };

  /**
   * The grace period of an open case is over: the subscription moves to the product's free (default) plan
   * through billing (which stops the Stripe subscription first), then the case closes with dunning.downgraded.
   * Re-running is safe: billing changes nothing the second time, and a closed case is left alone. False when
   * the case was no longer open or due.
   */
  const downgrade = async (productId: string, invoiceId: string): Promise<boolean> => {
    const doc = await repo.getCase(productId, invoiceId);
    const now = clock();
    if (!doc?.open || Date.parse(doc.graceEndsAt) > now) return false;
    const free = await deps.billing.plans.defaultPlan(productId);
    try {
      await deps.billing.subscriptions.downgrade(
        productId,
        doc.userId,
        free.code,
        'dunning: grace period ended unpaid',
      );
    } catch (error) {
      // The user (and their subscription) is gone: the case closes all the same.
      if (!(isAppError(error) && error.code === 'NOT_FOUND')) throw error;
    }
    const at = isoNow(clock);
    const m = await repo.mutate(
      productId,
      invoiceId,
      (current) =>
        current.open
          ? {
              ...current,
              stage: 'downgraded',
              open: false,
              downgradedAt: at,
              toPlan: free.code,
              updatedAt: at,
            }
          : null,
      (next, current) =>
        current.stage === 'started' || current.stage === 'final_warning'
          ? bus.stage(
              'dunning.downgraded',
              { ...casePayload(next), toPlan: free.code, stage: current.stage },
              system(productId),
            )
          : undefined,
    );
    return Boolean(m?.changed);
  };

  /** Notes a mail the case sent (once per stage and template, so a redelivered event adds nothing). */
  const recordMail = async (productId: string, invoiceId: string, mail: TDunningMail) => {
    await repo.mutate(productId, invoiceId, (current) =>
      current.mails.some((m) => m.stage === mail.stage && m.template === mail.template)
        ? null
        : { ...current, mails: [...current.mails, mail], updatedAt: isoNow(clock) },
    );
  };

  /** The banner of the user's open case (the oldest, if several invoices fail at once), or null. */
  const banner = async (productId: string, userId: string): Promise<TDunningBanner | null> => {
    const page = await repo.list(
      productId,
      { userId: { eq: userId }, open: { eq: true } },
      [{ field: 'startedAt', direction: 'asc' }],
      1,
    );
    const doc = page.items[0];
    if (!doc || (doc.stage !== 'started' && doc.stage !== 'final_warning')) return null;
    return {
      stage: doc.stage,
      since: doc.startedAt,
      graceEndsAt: doc.graceEndsAt,
      daysLeft: daysLeft(doc.graceEndsAt, clock()),
      invoiceId: doc.invoiceId,
      amountDue: doc.amountDue,
      currency: doc.currency,
      attemptCount: doc.attemptCount,
      hostedInvoiceUrl: doc.hostedInvoiceUrl,
    };
  };

  return { onPaymentFailed, onPaymentSucceeded, downgrade, recordMail, banner };
};

export type DunningCore = ReturnType<typeof createDunningCore>;
