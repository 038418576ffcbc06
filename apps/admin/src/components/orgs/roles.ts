import type { TOrgRole, TTeamRole } from '@bytelyst/routers/modules/orgs/schema';

export const ORG_ROLE_LABELS: Record<TOrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  billing: 'Billing',
};

export const TEAM_ROLE_LABELS: Record<TTeamRole, string> = { maintainer: 'Maintainer', member: 'Member' };

export const ORG_ROLE_OPTIONS = Object.entries(ORG_ROLE_LABELS).map(([value, label]) => ({ value, label }));
