import { ROLES, type TRole } from '@bytelyst/routers/modules/users/schema';
import { ROLE_LABELS } from '~/components/kit/status-badges';

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** The role that decides what a user may do: the highest one they hold. */
export const primaryRole = (roles: readonly TRole[]): TRole =>
  [...ROLES].reverse().find((role) => roles.includes(role)) ?? 'user';

export const isRole = (value: string): value is TRole => (ROLES as readonly string[]).includes(value);
