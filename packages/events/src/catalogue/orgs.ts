import { z } from 'zod';
import { def, id } from './def';

const ZOrgRole = z.enum(['owner', 'admin', 'member', 'billing']);
const ZTeamRole = z.enum(['maintainer', 'member']);

/**
 * Organizations and teams (roadmap §2.22): users belong to organizations, which have teams, which own
 * resources. Public: a product's backend mirrors memberships and roles through its webhooks.
 */
export const ORG_EVENTS = {
  'org.created': def({
    version: 1,
    public: true,
    description: 'A user created an organization and became its owner.',
    payload: z.object({ orgId: id, name: z.string(), ownerId: id }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', name: 'Analytical Engines', ownerId: 'usr_8fK2mQ7xLpT3' },
  }),
  'org.updated': def({
    version: 1,
    public: true,
    description: "An organization's name changed.",
    payload: z.object({ orgId: id, name: z.string() }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', name: 'Difference Engines' },
  }),
  'org.member_added': def({
    version: 1,
    public: true,
    description:
      'Someone joined an organization: by accepting an invitation, or added directly by an owner or admin.',
    payload: z.object({
      orgId: id,
      userId: id,
      role: ZOrgRole,
      via: z.enum(['invitation', 'direct']),
      invitationId: z.string().nullable(),
    }),
    example: {
      orgId: 'org_4Qx8Lm2ZpR7k',
      userId: 'usr_2Wd7Hs4jVn8Q',
      role: 'member',
      via: 'invitation',
      invitationId: 'oi_7Tg3LbX9pQ2dW1',
    },
  }),
  'org.member_removed': def({
    version: 1,
    public: true,
    description:
      'Someone left an organization: they left, an owner or admin removed them, or their account was deleted.',
    payload: z.object({
      orgId: id,
      userId: id,
      role: ZOrgRole,
      reason: z.enum(['left', 'removed', 'user_deleted']),
    }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', userId: 'usr_2Wd7Hs4jVn8Q', role: 'member', reason: 'removed' },
  }),
  'org.member_role_changed': def({
    version: 1,
    public: true,
    description: "A member's role in an organization changed.",
    payload: z.object({ orgId: id, userId: id, fromRole: ZOrgRole, toRole: ZOrgRole }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', userId: 'usr_2Wd7Hs4jVn8Q', fromRole: 'member', toRole: 'admin' },
  }),
  'org.ownership_transferred': def({
    version: 1,
    public: true,
    description:
      'Ownership of an organization moved to a member; the previous owners named here became admins.',
    payload: z.object({ orgId: id, toUserId: id, fromUserIds: z.array(id) }),
    example: {
      orgId: 'org_4Qx8Lm2ZpR7k',
      toUserId: 'usr_2Wd7Hs4jVn8Q',
      fromUserIds: ['usr_8fK2mQ7xLpT3'],
    },
  }),
  'org.deleted': def({
    version: 1,
    public: true,
    description: 'An organization ended: its last member was deleted with their account.',
    payload: z.object({ orgId: id, reason: z.enum(['last_member_deleted']) }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', reason: 'last_member_deleted' },
  }),
  'org.invitation_sent': def({
    version: 1,
    public: true,
    description:
      'An owner or admin invited an address to an organization; the link is mailed through delivery.',
    payload: z.object({
      orgId: id,
      invitationId: id,
      email: z.string(),
      role: ZOrgRole,
      expiresAt: z.string(),
    }),
    example: {
      orgId: 'org_4Qx8Lm2ZpR7k',
      invitationId: 'oi_7Tg3LbX9pQ2dW1',
      email: 'grace@example.com',
      role: 'member',
      expiresAt: '2026-06-08T12:00:00.000Z',
    },
  }),
  'org.invitation_revoked': def({
    version: 1,
    public: true,
    description: 'A pending invitation to an organization was revoked; its link no longer works.',
    payload: z.object({ orgId: id, invitationId: id, email: z.string() }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', invitationId: 'oi_7Tg3LbX9pQ2dW1', email: 'grace@example.com' },
  }),
  'org.subscription_set': def({
    version: 1,
    public: true,
    description:
      "An organization's seats and quotas now come from this member's subscription (null: none, the default plan applies).",
    payload: z.object({ orgId: id, subscriptionUserId: z.string().nullable() }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', subscriptionUserId: 'usr_8fK2mQ7xLpT3' },
  }),
  'org.team_created': def({
    version: 1,
    public: true,
    description: 'A team was created in an organization.',
    payload: z.object({ orgId: id, teamId: id, name: z.string() }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', teamId: 'team_3Hs9Qw2LmX5p', name: 'Research' },
  }),
  'org.team_updated': def({
    version: 1,
    public: true,
    description: "A team's name changed.",
    payload: z.object({ orgId: id, teamId: id, name: z.string() }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', teamId: 'team_3Hs9Qw2LmX5p', name: 'Applied research' },
  }),
  'org.team_deleted': def({
    version: 1,
    public: true,
    description: 'A team was deleted; the resources it owned fall back to the organization.',
    payload: z.object({ orgId: id, teamId: id }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', teamId: 'team_3Hs9Qw2LmX5p' },
  }),
  'org.team_member_set': def({
    version: 1,
    public: true,
    description: 'A member joined a team, or their role in it changed (fromRole null: they joined).',
    payload: z.object({
      orgId: id,
      teamId: id,
      userId: id,
      fromRole: ZTeamRole.nullable(),
      toRole: ZTeamRole,
    }),
    example: {
      orgId: 'org_4Qx8Lm2ZpR7k',
      teamId: 'team_3Hs9Qw2LmX5p',
      userId: 'usr_2Wd7Hs4jVn8Q',
      fromRole: null,
      toRole: 'maintainer',
    },
  }),
  'org.team_member_removed': def({
    version: 1,
    public: true,
    description: 'A member left a team (taken off it, or gone from the organization).',
    payload: z.object({ orgId: id, teamId: id, userId: id }),
    example: { orgId: 'org_4Qx8Lm2ZpR7k', teamId: 'team_3Hs9Qw2LmX5p', userId: 'usr_2Wd7Hs4jVn8Q' },
  }),
} as const;
