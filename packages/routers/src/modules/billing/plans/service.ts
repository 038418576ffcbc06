import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../../app-error';
import { isoNow } from '../../../lib/time';
import type { SubscriptionsRepository } from '../subscriptions/repository';
import { DEFAULT_PLANS } from './defaults';
import type { PlansRepository } from './repository';
import type { TPlan, TPlanCreateInput, TPlanUpdateInput, TPublicPlan } from './schema';

export const toPublicPlan = (plan: TPlan): TPublicPlan => ({
  code: plan.code,
  name: plan.name,
  description: plan.description,
  priceCents: plan.priceCents,
  currency: plan.currency,
  interval: plan.interval,
  trialDays: plan.trialDays,
  quotas: plan.quotas,
  features: plan.features,
  maxDevices: plan.maxDevices,
  seats: plan.seats ?? null,
  isDefault: plan.isDefault,
  sortOrder: plan.sortOrder,
});

export const createPlansService = (deps: {
  repo: PlansRepository;
  subscriptions: SubscriptionsRepository;
  clock: Clock;
}) => {
  const { repo, clock } = deps;

  /** Seeds free/pro/enterprise for a product without plans; concurrent seeders meet on the ids and one wins. */
  const ensureSeeded = async (productId: string): Promise<Stored<TPlan>[]> => {
    const existing = await repo.all(productId);
    if (existing.length > 0) return existing;
    const at = isoNow(clock);
    for (const seed of DEFAULT_PLANS) {
      try {
        await repo.create({ ...seed, id: seed.code, productId, createdAt: at, updatedAt: at });
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
    return repo.all(productId);
  };

  /** A Stripe price maps onto one plan, so two plans of a product cannot share it. */
  const assertPriceFree = async (productId: string, code: string, priceId: string | null | undefined) => {
    if (!priceId) return;
    const taken = (await repo.all(productId)).find((p) => p.stripePriceId === priceId && p.code !== code);
    if (taken) {
      throw new AppError('CONFLICT', `Stripe price ${priceId} belongs to plan ${taken.code}`, {
        fields: [{ path: 'stripePriceId', message: `Already used by ${taken.name}` }],
      });
    }
  };

  const mustGet = async (productId: string, code: string) => {
    const plan = await repo.get(productId, code);
    if (!plan) throw new AppError('NOT_FOUND', `Plan ${code} not found`);
    return plan;
  };

  return {
    ensureSeeded,
    async listPublic(productId: string) {
      const plans = await ensureSeeded(productId);
      return { items: plans.filter((plan) => !plan.archived).map(toPublicPlan) };
    },
    async listAll(productId: string) {
      return { items: (await ensureSeeded(productId)).map((plan) => withoutSystemFields(plan)) };
    },
    /** A plan by code, archived or not; null when there is none (no seeding). */
    async find(productId: string, code: string): Promise<TPlan | null> {
      const plan = await repo.get(productId, code);
      return plan ? withoutSystemFields(plan) : null;
    },
    async get(productId: string, code: string): Promise<TPlan> {
      await ensureSeeded(productId);
      return withoutSystemFields(await mustGet(productId, code));
    },
    /** The product's default plan (seeding the defaults first when it has none). */
    async defaultPlan(productId: string): Promise<TPlan> {
      const plans = await ensureSeeded(productId);
      const plan = plans.find((p) => p.isDefault && !p.archived) ?? plans.find((p) => !p.archived);
      if (!plan) throw new AppError('UNPROCESSABLE', 'This product has no plan new users can start on');
      return withoutSystemFields(plan);
    },
    async create(productId: string, input: TPlanCreateInput): Promise<TPlan> {
      await ensureSeeded(productId);
      await assertPriceFree(productId, input.code, input.stripePriceId);
      const at = isoNow(clock);
      const plan: TPlan = {
        ...input,
        id: input.code,
        productId,
        isDefault: false,
        archived: false,
        createdAt: at,
        updatedAt: at,
      };
      try {
        return withoutSystemFields(await repo.create(plan));
      } catch (error) {
        if (isStoreError(error, 'conflict')) {
          throw new AppError('CONFLICT', `A plan with code ${input.code} exists`, {
            fields: [{ path: 'code', message: 'This code is taken' }],
          });
        }
        throw error;
      }
    },
    async update(productId: string, input: TPlanUpdateInput): Promise<TPlan> {
      const { code, ...changes } = input;
      const current = await mustGet(productId, code);
      await assertPriceFree(productId, code, changes.stripePriceId);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const next: TPlan = { ...withoutSystemFields(current), ...defined, updatedAt: isoNow(clock) };
      return withoutSystemFields(await repo.replace(next, current._etag));
    },
    async archive(productId: string, code: string, archived: boolean): Promise<TPlan> {
      const current = await mustGet(productId, code);
      if (archived && current.isDefault) {
        throw new AppError(
          'CONFLICT',
          'The default plan cannot be archived; make another plan the default first',
        );
      }
      if (current.archived === archived) return withoutSystemFields(current);
      return withoutSystemFields(
        await repo.replace(
          { ...withoutSystemFields(current), archived, updatedAt: isoNow(clock) },
          current._etag,
        ),
      );
    },
    async delete(productId: string, code: string) {
      const current = await mustGet(productId, code);
      if (current.isDefault) {
        throw new AppError(
          'CONFLICT',
          'The default plan cannot be deleted; make another plan the default first',
        );
      }
      const subscribers = await deps.subscriptions.count(productId, { planCode: { eq: code } });
      if (subscribers > 0) {
        throw new AppError(
          'CONFLICT',
          `Plan ${code} has ${subscribers} subscription(s); archive it instead, or move them first`,
        );
      }
      return { code, deleted: await repo.delete(productId, code) };
    },
    /** Exactly one default per product: the switch is one atomic batch over the product's partition. */
    async setDefault(productId: string, code: string): Promise<TPlan> {
      const plans = await ensureSeeded(productId);
      const target = plans.find((plan) => plan.code === code);
      if (!target) throw new AppError('NOT_FOUND', `Plan ${code} not found`);
      if (target.archived) throw new AppError('CONFLICT', 'An archived plan cannot be the default');
      const at = isoNow(clock);
      const changed = plans.filter((plan) => plan.isDefault !== (plan.code === code));
      if (changed.length === 0) return withoutSystemFields(target);
      await repo.batch(
        productId,
        changed.map((plan) => ({
          op: 'replace' as const,
          doc: { ...withoutSystemFields(plan), isDefault: plan.code === code, updatedAt: at },
          ifMatch: plan._etag,
        })),
      );
      return withoutSystemFields(await mustGet(productId, code));
    },
  };
};

export type PlansService = ReturnType<typeof createPlansService>;
