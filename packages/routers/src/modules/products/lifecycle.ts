import type { TProductStatus } from './schema';

/**
 * Allowed lifecycle moves: draft -> pre_launch -> beta -> active -> sunset -> disabled.
 * Backward steps that undo an announcement are allowed: pre_launch -> draft, beta -> pre_launch,
 * sunset -> active (the sunset was called off). active -> beta is not: paying users were promised GA.
 * Every status can be disabled (an emergency stop). disabled is terminal except disabled -> sunset,
 * which only a super_admin can do (all product mutations are super_admin procedures).
 */
export const PRODUCT_TRANSITIONS: Record<TProductStatus, readonly TProductStatus[]> = {
  draft: ['pre_launch', 'disabled'],
  pre_launch: ['beta', 'draft', 'disabled'],
  beta: ['active', 'pre_launch', 'disabled'],
  active: ['sunset', 'disabled'],
  sunset: ['active', 'disabled'],
  disabled: ['sunset'],
};

export const canTransition = (from: TProductStatus, to: TProductStatus): boolean =>
  PRODUCT_TRANSITIONS[from].includes(to);

/** Statuses in which new users may register. */
export const SIGNUP_STATUSES: readonly TProductStatus[] = ['pre_launch', 'beta', 'active'];

/** Statuses in which a product may be deleted: nothing was ever public, or it was shut down. */
export const DELETABLE_STATUSES: readonly TProductStatus[] = ['draft', 'disabled'];
