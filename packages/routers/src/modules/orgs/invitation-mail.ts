import type { HandlerContext, Subscriber } from '@bytelyst/events/bus';
import type { PlatformEvent } from '@bytelyst/events/catalogue';
import { causedBy } from '../../lib/caused-by';
import type { SecretBox } from '../../lib/secret-box';
import { linkWithToken } from '../auth/limits';
import type { DeliveryService } from '../delivery/service';
import type { UsersService } from '../users/service';
import { inviteSealContext } from './invitations';
import type { OrgsRepository } from './repository';

/**
 * Mails an invitation once it is committed: the invitation and `org.invitation_sent` are one write, and this
 * subscriber sends the org-invitation mail from it, so a crash after the commit leaves the event to send the
 * mail rather than a pending invitation nobody was told about. The token travels sealed on the invitation (bound
 * to it) and sealed again in the delivery log; the idempotency key makes a redelivery send nothing twice. An
 * invitation revoked or accepted before its mail went out is not mailed.
 */
export const invitationMailSubscriber = (deps: {
  repo: OrgsRepository;
  users: Pick<UsersService, 'find'>;
  delivery: Pick<DeliveryService, 'send'>;
  secretBox: SecretBox;
  acceptUrlBase: string;
}): Subscriber<'org.invitation_sent'> => ({
  name: 'orgs.invitation-mail',
  events: ['org.invitation_sent'],
  description:
    'Mails an org invitation its single-use accept link (org-invitation template) through delivery.',
  async handle(event: PlatformEvent<'org.invitation_sent'>, ctx: HandlerContext) {
    const { productId } = event;
    const doc = await deps.repo.invite(productId, event.data.invitationId);
    if (doc?.state !== 'pending' || !doc.sealedToken) return;
    const org = await deps.repo.org(productId, doc.orgId);
    if (!org) return;
    const token = deps.secretBox.open(doc.sealedToken, inviteSealContext(productId, doc.id));
    const inviter = await deps.users.find(productId, doc.invitedBy);
    await deps.delivery.send(
      productId,
      {
        to: doc.email,
        template: 'org-invitation',
        category: 'security',
        props: {
          email: doc.email,
          orgName: org.name,
          role: doc.role,
          inviterName: inviter?.name || inviter?.email || 'A member',
          ...(inviter ? { inviterEmail: inviter.email } : {}),
          acceptUrl: linkWithToken(deps.acceptUrlBase, token),
          expiresAt: doc.expiresAt,
        },
        idempotencyKey: `org-invitation:${doc.id}`,
      },
      { actorId: event.actorId, sealProps: ['acceptUrl'], causedBy: causedBy(event, ctx) },
    );
  },
});
