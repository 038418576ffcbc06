import { AppError } from '../../app-error';
import type { TRole } from './schema';

export type Actor = { userId: string; roles: readonly TRole[] };

export const isAdminRole = (roles: readonly TRole[]): boolean =>
  roles.includes('admin') || roles.includes('super_admin');

/** Only a super_admin may act on a super_admin, or grant or revoke the role. */
export const assertMayManage = (
  actor: Actor,
  targetRoles: readonly TRole[],
  nextRoles?: readonly TRole[],
) => {
  if (actor.roles.includes('super_admin')) return;
  if (targetRoles.includes('super_admin') || nextRoles?.includes('super_admin')) {
    throw new AppError('FORBIDDEN', 'Only a super_admin can grant, revoke or manage the super_admin role');
  }
};

export const assertNotSelf = (actor: Actor, targetId: string, what: string) => {
  if (actor.userId === targetId) throw new AppError('FORBIDDEN', `You cannot ${what} your own account`);
};

export const assertNotSelfDemotion = (actor: Actor, targetId: string, nextRoles: readonly TRole[]) => {
  if (actor.userId === targetId && !isAdminRole(nextRoles)) {
    throw new AppError('FORBIDDEN', 'You cannot remove your own admin role');
  }
};

/** Refuses to leave the platform without an active super_admin. */
export const assertKeepsSuperAdmin = async (
  targetRoles: readonly TRole[],
  stillSuperAdmin: boolean,
  countActiveSuperAdmins: () => Promise<number>,
) => {
  if (!targetRoles.includes('super_admin') || stillSuperAdmin) return;
  if ((await countActiveSuperAdmins()) <= 1) {
    throw new AppError('PRECONDITION_FAILED', 'The last super_admin cannot be removed, disabled or deleted');
  }
};
