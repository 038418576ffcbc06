import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EmitOptions, EventBus, StagedEvents } from '@bytelyst/events/bus';
import type { EventPayload, EventType } from '@bytelyst/events/catalogue';
import { AppError } from '../../../app-error';
import type { DunningBanner } from '../../../lib/dunning-banner';
import { addDaysIso, isoNow } from '../../../lib/time';
import type { PlansService } from '../plans/service';
import { addInterval } from './periods';
import type { SubscriptionsRepository } from './repository';
import {
  HISTORY_LIMIT,
  type TCancelFields,
  type TChangePlanInput,
  type TSubscription,
  type TSubscriptionListInput,
  type TSubscriptionStatus,
  type TSubscriptionView,
  ZSubscriptionListInput,
} from './schema';

const MAX_ATTEMPTS = 5;

/** Appends one history entry (planCode/status already set on `next`), keeping the newest HISTORY_LIMIT. */
export const withChange = (
  before: TSubscription,
  next: TSubscription,
  at: string,
  reason: string,
  actorId: string | null,
): TSubscription => ({
  ...next,
  updatedAt: at,
  history: [
    ...before.history,
    {
      at,
      fromPlan: before.planCode,
      toPlan: next.planCode,
      fromStatus: before.status,
      toStatus: next.status,
      reason,
      actorId,
    },
  ].slice(-HISTORY_LIMIT),
});

export type Mutation = { before: TSubscription; after: TSubscription };

/** The events a subscription change commits with, given the change; undefined for none. */
export type ChangeEvents = (m: Mutation) => StagedEvents | undefined;

export const createSubscriptionsService = (deps: {
  repo: SubscriptionsRepository;
  plans: PlansService;
  clock: Clock;
  bus: EventBus;
  /** The dunning banner shown with the subscription (bound to the dunning module, built after billing). */
  dunning: DunningBanner;
  /**
   * Mirrors cancellations and plan changes onto the Stripe subscription of a linked subscription (wired to the
   * Stripe service), before anything changes here.
   */
  remote?: {
    cancel(subscription: TSubscription, atPeriodEnd: boolean): Promise<void>;
    changePrice(subscription: TSubscription, priceId: string): Promise<void>;
  };
}) => {
  const { repo, clock, bus } = deps;

  const viewOf = async (productId: string, subscription: TSubscription): Promise<TSubscriptionView> => {
    const [plan, dunning] = await Promise.all([
      deps.plans.find(productId, subscription.planCode),
      deps.dunning.of(productId, subscription.userId),
    ]);
    return { id: subscription.id, subscription: withoutSystemFields(subscription), plan, dunning };
  };

  /**
   * Read-modify-write under the etag, retried when another writer got there first. `change` returns the new
   * document, or null for "nothing to do" (then nothing is written and this resolves to null); `events` are
   * staged for the write, so they commit with the change or not at all.
   */
  const mutate = async (
    productId: string,
    userId: string,
    change: (current: TSubscription) => TSubscription | null,
    events?: ChangeEvents,
  ): Promise<Mutation | null> => {
    // The state the successful attempt changed: the last one `change` saw.
    let before: TSubscription | undefined;
    const mutated = await repo.mutate(
      productId,
      userId,
      (current) => {
        before = current;
        return change(current);
      },
      {
        attempts: MAX_ATTEMPTS,
        ...(events
          ? { outbox: (after, current) => events({ before: withoutSystemFields(current), after }) }
          : {}),
      },
    );
    if (!mutated) throw new AppError('NOT_FOUND', 'This user has no subscription');
    if (!mutated.changed || !before) return null;
    return { before, after: withoutSystemFields(mutated.doc) };
  };

  /** `type` staged after what `staged` already holds, or on its own. */
  const stageAlso = <K extends EventType>(
    staged: StagedEvents | undefined,
    type: K,
    payload: EventPayload<K>,
    options: EmitOptions,
  ): StagedEvents => (staged ? staged.and(type, payload, options) : bus.stage(type, payload, options));

  /** subscription.changed when the plan or the status moved. */
  const changedEvent = (productId: string, m: Mutation, actorId: string | null) => {
    if (m.before.planCode === m.after.planCode && m.before.status === m.after.status) return undefined;
    return bus.stage(
      'subscription.changed',
      {
        subscriptionId: m.after.id,
        oldPlan: m.before.planCode,
        newPlan: m.after.planCode,
        status: m.after.status,
      },
      { productId, actorId },
    );
  };

  /** The user's subscription, created on the default plan (trialing when it has trial days) if missing. */
  const ensureForUser = async (
    productId: string,
    userId: string,
    actorId: string | null = null,
  ): Promise<TSubscriptionView & { created: boolean }> => {
    const existing = await repo.get(productId, userId);
    if (existing) return { ...(await viewOf(productId, existing)), created: false };
    const plan = await deps.plans.defaultPlan(productId);
    const at = isoNow(clock);
    const trialing = plan.trialDays > 0;
    const end = trialing ? addDaysIso(at, plan.trialDays) : addInterval(at, plan.interval);
    const status: TSubscriptionStatus = trialing ? 'trialing' : 'active';
    const doc: TSubscription = {
      id: userId,
      productId,
      userId,
      planCode: plan.code,
      status,
      currentPeriodStart: at,
      currentPeriodEnd: end,
      trialEnd: trialing ? end : null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      cancelReason: null,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      history: [
        {
          at,
          fromPlan: null,
          toPlan: plan.code,
          fromStatus: null,
          toStatus: status,
          reason: 'registration',
          actorId,
        },
      ],
      trialEndingNotifiedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    let saved: TSubscription;
    try {
      saved = withoutSystemFields(
        await repo.create(
          doc,
          bus.stage(
            'subscription.created',
            { subscriptionId: doc.id, userId, plan: plan.code, status },
            { productId, actorId },
          ),
        ),
      );
    } catch (error) {
      // Another caller (the registration subscriber, a parallel `me`) created it first.
      if (!isStoreError(error, 'conflict')) throw error;
      const raced = await repo.get(productId, userId);
      if (!raced) throw error;
      return { ...(await viewOf(productId, raced)), created: false };
    }
    return { id: saved.id, subscription: saved, plan, dunning: null, created: true };
  };

  return {
    mutate,
    stageAlso,
    changedEvent,
    ensureForUser,
    async me(productId: string, userId: string): Promise<TSubscriptionView> {
      const { created: _created, ...view } = await ensureForUser(productId, userId, userId);
      return view;
    },
    async get(productId: string, userId: string): Promise<TSubscriptionView> {
      const doc = await repo.get(productId, userId);
      if (!doc) throw new AppError('NOT_FOUND', 'This user has no subscription');
      return viewOf(productId, doc);
    },
    async list(productId: string, raw: TSubscriptionListInput) {
      const input = ZSubscriptionListInput.parse(raw);
      const where = {
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.planCode ? { planCode: { eq: input.planCode } } : {}),
        // Sorting by trial end lists the subscriptions that have one.
        ...(input.sort === 'trialEnd' ? { trialEnd: { ne: null } } : {}),
      };
      const [page, total] = await Promise.all([
        repo.list(
          productId,
          where,
          [{ field: input.sort, direction: input.direction }],
          input.limit,
          input.cursor,
        ),
        repo.count(productId, where),
      ]);
      return {
        items: page.items.map((doc) => withoutSystemFields(doc)),
        nextCursor: page.continuation,
        total,
      };
    },
    async changePlan(
      productId: string,
      input: TChangePlanInput,
      actorId: string | null,
    ): Promise<TSubscriptionView> {
      const plan = await deps.plans.get(productId, input.planCode);
      if (plan.archived)
        throw new AppError('CONFLICT', `Plan ${plan.code} is archived and takes no new subscribers`);
      const refuse = (current: TSubscription) => {
        if (
          current.planCode === plan.code &&
          (current.status === 'active' || current.status === 'trialing')
        ) {
          throw new AppError('CONFLICT', `The subscription is already on ${plan.code}`);
        }
      };
      const existing = await repo.get(productId, input.userId);
      if (!existing) throw new AppError('NOT_FOUND', 'This user has no subscription');
      refuse(existing);
      const billedByStripe =
        existing.stripeSubscriptionId !== null &&
        existing.status !== 'canceled' &&
        existing.status !== 'expired';
      if (billedByStripe && deps.remote) {
        // Stripe bills the new price first (prorated); if that fails nothing changes here.
        if (!plan.stripePriceId) {
          throw new AppError(
            'CONFLICT',
            `Plan ${plan.code} has no Stripe price, and this subscription is billed through Stripe: give the plan a price, or cancel the subscription instead`,
            { fields: [{ path: 'planCode', message: 'This plan has no Stripe price' }] },
          );
        }
        await deps.remote.changePrice(withoutSystemFields(existing), plan.stripePriceId);
      }
      const at = isoNow(clock);
      const m = await mutate(
        productId,
        input.userId,
        (current) => {
          refuse(current);
          const ended = current.status === 'canceled' || current.status === 'expired';
          const next: TSubscription = ended
            ? {
                ...current,
                planCode: plan.code,
                status: 'active',
                currentPeriodStart: at,
                currentPeriodEnd: addInterval(at, plan.interval),
                trialEnd: null,
                cancelAtPeriodEnd: false,
                canceledAt: null,
                cancelReason: null,
              }
            : { ...current, planCode: plan.code };
          return withChange(current, next, at, input.reason, actorId);
        },
        (change) => changedEvent(productId, change, actorId),
      );
      if (!m) throw new AppError('INTERNAL', 'Plan change was not applied');
      return {
        id: m.after.id,
        subscription: m.after,
        plan,
        dunning: await deps.dunning.of(productId, input.userId),
      };
    },
    /**
     * Moves an unpaid subscription to `planCode` (the free plan) for dunning: billing stops at Stripe first (the
     * linked Stripe subscription is canceled at once and unlinked, remembered so that its later events
     * change nothing here), then the plan changes, active, with a new period. Null when it is already there
     * (a repeated run); throws UNAVAILABLE when Stripe cannot be reached, and nothing changes.
     */
    async downgrade(
      productId: string,
      userId: string,
      planCode: string,
      reason: string,
    ): Promise<Mutation | null> {
      const plan = await deps.plans.get(productId, planCode);
      const existing = await repo.get(productId, userId);
      if (!existing) throw new AppError('NOT_FOUND', 'This user has no subscription');
      const ended = existing.status === 'canceled' || existing.status === 'expired';
      if (existing.stripeSubscriptionId && !ended && deps.remote)
        await deps.remote.cancel(withoutSystemFields(existing), false);
      const at = isoNow(clock);
      return mutate(
        productId,
        userId,
        (current) => {
          if (current.planCode === plan.code && current.status === 'active' && !current.stripeSubscriptionId)
            return null;
          const unlinked = current.stripeSubscriptionId ?? current.unlinkedStripeSubscriptionId ?? null;
          const next: TSubscription = {
            ...current,
            planCode: plan.code,
            status: 'active',
            currentPeriodStart: at,
            currentPeriodEnd: addInterval(at, plan.interval),
            trialEnd: null,
            cancelAtPeriodEnd: false,
            stripeSubscriptionId: null,
            unlinkedStripeSubscriptionId: unlinked,
          };
          return withChange(current, next, at, reason, null);
        },
        (change) => changedEvent(productId, change, null),
      );
    },
    async cancel(
      productId: string,
      userId: string,
      input: TCancelFields,
      actorId: string | null,
    ): Promise<TSubscriptionView> {
      const refuse = (current: TSubscription) => {
        if (current.status === 'canceled' || current.status === 'expired') {
          throw new AppError('CONFLICT', `The subscription is already ${current.status}`);
        }
        if (input.atPeriodEnd && current.cancelAtPeriodEnd) {
          throw new AppError('CONFLICT', 'The subscription is already set to end with its period');
        }
      };
      const existing = await repo.get(productId, userId);
      if (!existing) throw new AppError('NOT_FOUND', 'This user has no subscription');
      refuse(existing);
      // Billing stops at Stripe first: if that fails nothing changes here, and the user can try again.
      if (existing.stripeSubscriptionId && deps.remote)
        await deps.remote.cancel(withoutSystemFields(existing), input.atPeriodEnd);
      const at = isoNow(clock);
      const m = await mutate(
        productId,
        userId,
        (current) => {
          refuse(current);
          const base = { ...current, canceledAt: at, cancelReason: input.reason };
          const next: TSubscription = input.atPeriodEnd
            ? { ...base, cancelAtPeriodEnd: true }
            : { ...base, status: 'canceled', cancelAtPeriodEnd: false, currentPeriodEnd: at };
          return withChange(current, next, at, input.reason, actorId);
        },
        (change) =>
          bus.stage(
            'subscription.canceled',
            { subscriptionId: change.after.id, userId, reason: input.reason },
            { productId, actorId },
          ),
      );
      if (!m) throw new AppError('INTERNAL', 'Cancellation was not applied');
      return viewOf(productId, m.after);
    },
  };
};

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
