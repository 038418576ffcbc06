import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { MembersService } from './members';
import type { MemberDoc, OrgsRepository } from './repository';

/** Who takes over an org whose last owner's account is deleted: its longest-serving admin, else member. */
const successorOf = (members: readonly MemberDoc[], leaving: string): MemberDoc | undefined =>
  members.find((m) => m.userId !== leaving && m.role === 'admin') ??
  members.find((m) => m.userId !== leaving && m.role !== 'billing') ??
  members.find((m) => m.userId !== leaving);

/**
 * A deleted user leaves every org they belonged to. An org never stays without an owner: when they were its
 * last owner, its longest-serving admin (else member) becomes owner in the same change; an org they were the
 * only member of is deleted with its teams and invitations. Redelivery finds nothing left to do.
 */
export const orgsUserErasure = (deps: {
  repo: OrgsRepository;
  members: MembersService;
  bus: EventBus;
}): Subscriber<'user.deleted'> => ({
  name: 'orgs-user-erasure',
  events: ['user.deleted'],
  description: 'Takes a deleted user out of their orgs (handing ownership on) and deletes orgs left empty.',
  handle: async (event) => {
    const { productId } = event;
    const { userId } = event.data;
    const { repo, members } = deps;
    for (const membership of await repo.membershipsOf(productId, userId)) {
      const orgId = membership.orgId;
      const org = await repo.org(productId, orgId);
      if (!org || org.memberCount <= 1) {
        if (org) {
          const options = { productId, actorId: event.actorId };
          await repo.deleteOrg(
            productId,
            orgId,
            org._etag,
            deps.bus
              .stage(
                'org.member_removed',
                { orgId, userId, role: membership.role, reason: 'user_deleted' },
                options,
              )
              .and('org.deleted', { orgId, reason: 'last_member_deleted' }, options),
          );
        }
        const rest = [
          ...(await repo.members(productId, orgId)),
          ...(await repo.teams(productId, orgId)),
          ...(await repo.invites(productId, orgId)),
        ];
        await repo.purge(
          productId,
          rest.map((doc) => doc.id),
        );
        continue;
      }
      await repo.commit(productId, orgId, async (current) => {
        const target = await repo.member(productId, orgId, userId);
        if (!target) return null;
        const all = await repo.members(productId, orgId);
        const base = withoutSystemFields(current);
        const handOver =
          target.role === 'owner' && current.ownerCount <= 1 ? successorOf(all, userId) : undefined;
        const removal = await members.removal(
          productId,
          handOver ? { ...base, ownerCount: base.ownerCount + 1 } : base,
          target,
          'user_deleted',
          event.actorId,
        );
        if (!handOver) return removal;
        const options = { productId, actorId: event.actorId };
        return {
          org: removal.org,
          ops: [...removal.ops, { op: 'replace', doc: { ...withoutSystemFields(handOver), role: 'owner' } }],
          outbox: removal.outbox
            .and(
              'org.member_role_changed',
              { orgId, userId: handOver.userId, fromRole: handOver.role, toRole: 'owner' },
              options,
            )
            .and(
              'org.ownership_transferred',
              { orgId, toUserId: handOver.userId, fromUserIds: [userId] },
              options,
            ),
        };
      });
    }
  },
});
