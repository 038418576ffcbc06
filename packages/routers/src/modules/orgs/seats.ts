import { AppError } from '../../app-error';
import type { Entitlements } from '../billing/entitlements';
import type { TPlan } from '../billing/plans/schema';
import type { OrgDoc } from './repository';

/**
 * Seats: an org may have as many members as the plan that pays for it allows. That plan is the one of the
 * subscription the org references (a member's, `subscriptionUserId`) while it is entitled, else the product's
 * default plan; a plan without `seats` allows any number.
 */
export const createSeats = (entitlements: Pick<Entitlements, 'forUser' | 'defaultPlan'>) => {
  const planOf = async (productId: string, org: Pick<OrgDoc, 'subscriptionUserId'>): Promise<TPlan | null> =>
    org.subscriptionUserId
      ? (await entitlements.forUser(productId, org.subscriptionUserId)).plan
      : entitlements.defaultPlan(productId);
  return {
    planOf,
    /** The seat limit; null = unlimited. */
    limitOf: async (productId: string, org: Pick<OrgDoc, 'subscriptionUserId'>): Promise<number | null> =>
      (await planOf(productId, org))?.seats ?? null,
  };
};

export type Seats = ReturnType<typeof createSeats>;

/** Refuses (409, reason `seats_exhausted`) one more member when `taken` seats already fill `limit`. */
export const assertSeatFree = (limit: number | null, taken: number): void => {
  if (limit === null || taken < limit) return;
  throw new AppError(
    'CONFLICT',
    `All ${limit} seats of this organization's plan are taken: remove a member, revoke a pending invitation or move to a plan with more seats`,
    { reason: 'seats_exhausted', fields: [{ path: 'seats', message: `${taken} of ${limit} seats taken` }] },
  );
};
