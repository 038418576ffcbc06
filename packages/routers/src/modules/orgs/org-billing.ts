import { withoutSystemFields } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { ORG_ACCESS, type OrgActor } from '../../org-access';
import type { Entitlements } from '../billing/entitlements';
import type { UsageService } from '../billing/usage/service';
import type { MembersService, OrgsDeps } from './members';
import { memberNotFound, orgNotFound } from './members';
import type { OrgDoc } from './repository';
import type { TOrgSubscription, TOrgUsage } from './schema';

/**
 * An org's subscription and usage. The org references one member's subscription (an owner's or a billing
 * member's): its plan gives the org its seats and quotas. Usage rolls up: the org's use of a metric is the sum of
 * its members' use in the current period, set against the org plan's quota.
 */
export const createOrgBillingService = (
  deps: OrgsDeps & {
    members: MembersService;
    entitlements: Pick<Entitlements, 'forUser'>;
    usage: Pick<UsageService, 'summary'>;
  },
) => {
  const { repo, clock, bus, members, seats } = deps;

  const load = async (productId: string, orgId: string): Promise<OrgDoc> => {
    const org = await repo.org(productId, orgId);
    if (!org) throw orgNotFound();
    return org;
  };

  const subscriptionOf = async (productId: string, org: OrgDoc): Promise<TOrgSubscription> => {
    const [plan, invites, entitlement] = await Promise.all([
      seats.planOf(productId, org),
      repo.invites(productId, org.id),
      org.subscriptionUserId ? deps.entitlements.forUser(productId, org.subscriptionUserId) : undefined,
    ]);
    const at = isoNow(clock);
    return {
      orgId: org.id,
      subscriptionUserId: org.subscriptionUserId,
      planCode: plan?.code ?? null,
      planName: plan?.name ?? null,
      status: entitlement?.subscription?.status ?? null,
      seats: {
        limit: plan?.seats ?? null,
        used: org.memberCount,
        pending: invites.filter((doc) => doc.state === 'pending' && doc.expiresAt > at).length,
      },
    };
  };

  return {
    getSubscription: async (productId: string, orgId: string) =>
      subscriptionOf(productId, await load(productId, orgId)),
    /**
     * Points the org at `userId`'s subscription (an owner or billing member), or at none (null: the product's
     * default plan). Refused when the new plan has fewer seats than the org has members.
     */
    async setSubscription(
      productId: string,
      actor: OrgActor,
      input: { orgId: string; userId: string | null },
    ): Promise<TOrgSubscription> {
      const { org } = await members.commit(productId, input.orgId, async (current) => {
        await members.actorRole(productId, current, actor, ORG_ACCESS.subscription);
        if (current.subscriptionUserId === input.userId) return null;
        if (input.userId !== null) {
          const payer = await repo.member(productId, current.id, input.userId);
          if (!payer) throw memberNotFound();
          if (payer.role !== 'owner' && payer.role !== 'billing') {
            throw new AppError(
              'BAD_REQUEST',
              "The org's subscription must be an owner's or a billing member's",
              {
                fields: [{ path: 'userId', message: `This member's role is ${payer.role}` }],
              },
            );
          }
        }
        const limit = await seats.limitOf(productId, { subscriptionUserId: input.userId });
        if (limit !== null && current.memberCount > limit) {
          throw new AppError(
            'CONFLICT',
            `That plan has ${limit} seats and the organization has ${current.memberCount} members`,
            { reason: 'seats_exhausted', fields: [{ path: 'seats', message: `${limit} seats` }] },
          );
        }
        return {
          org: {
            ...withoutSystemFields(current),
            subscriptionUserId: input.userId,
            updatedAt: isoNow(clock),
          },
          ops: [],
          outbox: bus.stage(
            'org.subscription_set',
            { orgId: current.id, subscriptionUserId: input.userId },
            { productId, actorId: actor.userId },
          ),
        };
      });
      return subscriptionOf(productId, org);
    },
    async usage(productId: string, orgId: string): Promise<TOrgUsage> {
      const org = await load(productId, orgId);
      const [plan, list] = await Promise.all([seats.planOf(productId, org), repo.members(productId, org.id)]);
      const totals = new Map<string, { used: number; period: 'day' | 'month' }>();
      for (const member of list) {
        const summary = await deps.usage.summary(productId, member.userId);
        for (const item of summary.metrics) {
          const entry = totals.get(item.metric) ?? { used: 0, period: item.period };
          entry.used += item.used;
          totals.set(item.metric, entry);
        }
      }
      for (const [metric, quota] of Object.entries(plan?.quotas ?? {})) {
        if (!totals.has(metric)) totals.set(metric, { used: 0, period: quota.period });
      }
      const metrics = [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([metric, total]) => {
          const quota = plan?.quotas[metric];
          const limit = quota?.limit ?? null;
          return {
            metric,
            used: total.used,
            limit,
            period: quota?.period ?? total.period,
            exceeded: limit !== null && total.used > limit,
          };
        });
      return { orgId: org.id, planCode: plan?.code ?? null, members: list.length, metrics };
    },
  };
};

export type OrgBillingService = ReturnType<typeof createOrgBillingService>;
