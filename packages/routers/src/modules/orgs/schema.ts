import { z } from 'zod';

/** Roles within an organization. `billing` manages the subscription and reads usage, nothing else. */
export const ORG_ROLES = ['owner', 'admin', 'member', 'billing'] as const;
export const ZOrgRole = z.enum(ORG_ROLES);
export type TOrgRole = z.infer<typeof ZOrgRole>;

/** Roles within a team. Org owners and admins act as maintainers of every team. */
export const TEAM_ROLES = ['maintainer', 'member'] as const;
export const ZTeamRole = z.enum(TEAM_ROLES);
export type TTeamRole = z.infer<typeof ZTeamRole>;

export const ZOrgId = z
  .string()
  .trim()
  .regex(/^org_[A-Za-z0-9_-]{6,40}$/, 'Expected an organization id (org_...)');
export const ZTeamId = z
  .string()
  .trim()
  .regex(/^team_[A-Za-z0-9_-]{6,40}$/, 'Expected a team id (team_...)');
export const ZInvitationId = z
  .string()
  .trim()
  .regex(/^oi_[A-Za-z0-9_-]{6,40}$/, 'Expected an invitation id (oi_...)');
const ZUserId = z.string().trim().min(1).max(128);
const ZName = z.string().trim().min(2, 'At least 2 characters').max(80);

export const ZOrg = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  ownerCount: z.number().int(),
  teamCount: z.number().int(),
  /** The member whose subscription gives the org its seats and quotas; null: the product's default plan. */
  subscriptionUserId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const ZOrgMember = z.object({
  orgId: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZOrgRole,
  joinedAt: z.string(),
});
export type TOrgMember = z.infer<typeof ZOrgMember>;

export const ZTeamMember = z.object({ userId: z.string(), role: ZTeamRole, addedAt: z.string() });
export type TTeamMember = z.infer<typeof ZTeamMember>;

export const ZTeam = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  members: z.array(ZTeamMember),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZOrgInvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type TOrgInvitationStatus = z.infer<typeof ZOrgInvitationStatus>;

export const ZOrgInvitation = z.object({
  id: z.string(),
  orgId: z.string(),
  email: z.string(),
  role: ZOrgRole,
  status: ZOrgInvitationStatus,
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TOrgInvitation = z.infer<typeof ZOrgInvitation>;

/**
 * An org with a role in it: the caller's (get, listMine), or the user's a list is filtered by; null for a
 * platform admin who is not a member, and in the product-wide list.
 */
export const ZOrgView = ZOrg.extend({ role: ZOrgRole.nullable() });
export type TOrgView = z.infer<typeof ZOrgView>;

export const ZOrgIdInput = z.object({ orgId: ZOrgId });
export const ZOrgCreateInput = z.object({ name: ZName });
export const ZOrgUpdateInput = z.object({ orgId: ZOrgId, name: ZName });
export const ZOrgListInput = z.object({
  /** Only the orgs this user belongs to (the console's user page). */
  userId: ZUserId.optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TOrgListInput = z.input<typeof ZOrgListInput>;
export const ZOrgList = z.object({
  items: z.array(ZOrgView),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export const ZOrgMineList = z.object({ items: z.array(ZOrgView) });
export const ZOrgTransferInput = z.object({ orgId: ZOrgId, userId: ZUserId });

export const ZMemberCreateInput = z.object({
  orgId: ZOrgId,
  userId: ZUserId,
  role: ZOrgRole.default('member'),
});
export const ZMemberUpdateInput = z.object({ orgId: ZOrgId, userId: ZUserId, role: ZOrgRole });
export const ZMemberInput = z.object({ orgId: ZOrgId, userId: ZUserId });
export const ZMemberList = z.object({ items: z.array(ZOrgMember) });
export const ZLeaveOutput = z.object({ orgId: z.string(), userId: z.string(), left: z.literal(true) });
export const ZMemberDeleteOutput = z.object({ orgId: z.string(), userId: z.string(), deleted: z.boolean() });

export const ZTeamCreateInput = z.object({ orgId: ZOrgId, name: ZName });
export const ZTeamUpdateInput = z.object({ orgId: ZOrgId, teamId: ZTeamId, name: ZName });
export const ZTeamInput = z.object({ orgId: ZOrgId, teamId: ZTeamId });
export const ZTeamMemberSetInput = z.object({
  orgId: ZOrgId,
  teamId: ZTeamId,
  userId: ZUserId,
  role: ZTeamRole.default('member'),
});
export const ZTeamMemberInput = z.object({ orgId: ZOrgId, teamId: ZTeamId, userId: ZUserId });
export const ZTeamList = z.object({ items: z.array(ZTeam) });
export const ZTeamDeleteOutput = z.object({ orgId: z.string(), teamId: z.string(), deleted: z.boolean() });

export const ZInvitationCreateInput = z.object({
  orgId: ZOrgId,
  email: z.email().trim().toLowerCase().max(254),
  role: ZOrgRole.default('member'),
});
export const ZInvitationListInput = z.object({
  orgId: ZOrgId,
  status: ZOrgInvitationStatus.optional(),
});
export const ZInvitationList = z.object({ items: z.array(ZOrgInvitation) });
export const ZInvitationInput = z.object({ orgId: ZOrgId, invitationId: ZInvitationId });
const ZInvitationToken = z.string().trim().min(20).max(300);
export const ZInvitationTokenInput = z.object({ token: ZInvitationToken });
/** What the accept page shows before the invitee accepts. */
export const ZInvitationPreview = z.object({
  orgId: z.string(),
  orgName: z.string(),
  email: z.string(),
  role: ZOrgRole,
  inviterName: z.string(),
  status: ZOrgInvitationStatus,
  expiresAt: z.string(),
});
export const ZInvitationAcceptOutput = z.object({ org: ZOrg, member: ZOrgMember });

/** Seats: how many members the org's plan allows (null: unlimited) and how many it uses. */
export const ZOrgSeats = z.object({
  limit: z.number().int().nullable(),
  used: z.number().int(),
  pending: z.number().int(),
});
export const ZOrgSubscription = z.object({
  orgId: z.string(),
  subscriptionUserId: z.string().nullable(),
  planCode: z.string().nullable(),
  planName: z.string().nullable(),
  status: z.string().nullable(),
  seats: ZOrgSeats,
});
export type TOrgSubscription = z.infer<typeof ZOrgSubscription>;
export const ZOrgSubscriptionSetInput = z.object({ orgId: ZOrgId, userId: ZUserId.nullable() });

export const ZOrgMetricUsage = z.object({
  metric: z.string(),
  used: z.number().int(),
  limit: z.number().int().nullable(),
  period: z.enum(['day', 'month']),
  exceeded: z.boolean(),
});
export const ZOrgUsage = z.object({
  orgId: z.string(),
  planCode: z.string().nullable(),
  members: z.number().int(),
  metrics: z.array(ZOrgMetricUsage),
});
export type TOrgUsage = z.infer<typeof ZOrgUsage>;
