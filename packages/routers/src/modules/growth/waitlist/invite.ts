import { type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { isoNow } from '../../../lib/time';
import type { InvitationsService } from '../invitations/service';
import type { WaitlistDoc, WaitlistRepository } from './repository';
import type { TWaitlistEntry } from './schema';
import type { WaitlistService } from './service';
import { toEntry } from './view';

/**
 * Invites waitlist entries: each gets its own single-use invitation code, is marked invited (only if still
 * waiting, checked with the etag) and emits waitlist.invited, from which the acceptance email follows.
 */
export const createWaitlistInviter = (deps: {
  repo: WaitlistRepository;
  waitlist: Pick<WaitlistService, 'mutate'>;
  invitations: Pick<InvitationsService, 'create' | 'discard'>;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, bus } = deps;

  const inviteOne = async (productId: string, entry: WaitlistDoc, actorId: string) => {
    if (entry.status !== 'waiting') return undefined;
    const invitation = await deps.invitations.create(
      productId,
      { maxUses: 1, note: `Waitlist #${entry.position}`, waitlistEntryId: entry.id, email: entry.email },
      actorId,
    );
    const at = isoNow(clock);
    // The invitation (another container) comes first; the event commits with the entry turning invited.
    const { doc, changed } = await deps.waitlist.mutate(
      productId,
      entry.id,
      (current) =>
        current.status === 'waiting'
          ? {
              ...withoutSystemFields(current),
              status: 'invited',
              invitationId: invitation.id,
              invitationCode: invitation.code,
              invitedAt: at,
              activityAt: at,
              updatedAt: at,
            }
          : null,
      (next) =>
        bus.stage(
          'waitlist.invited',
          {
            entryId: next.id,
            email: next.email,
            position: next.position,
            invitationId: invitation.id,
            code: invitation.code,
          },
          { productId, actorId },
        ),
    );
    if (!changed) {
      await deps.invitations.discard(productId, invitation.id);
      return undefined;
    }
    return toEntry(doc);
  };

  return {
    async invite(productId: string, ids: readonly string[], actorId: string) {
      const invited: TWaitlistEntry[] = [];
      const skipped: string[] = [];
      for (const id of new Set(ids)) {
        const entry = await repo.get(productId, id);
        const done = entry ? await inviteOne(productId, entry, actorId) : undefined;
        if (done) invited.push(done);
        else skipped.push(id);
      }
      return { invited, skipped };
    },
    /** The next `count` waiting entries in position order. */
    async inviteNext(productId: string, count: number, actorId: string) {
      const invited: TWaitlistEntry[] = [];
      const seen = new Set<string>();
      while (invited.length < count) {
        const page = await repo.query(
          productId,
          { status: { eq: 'waiting' } },
          { field: 'position', direction: 'asc' },
          count - invited.length,
        );
        const fresh = page.items.filter((doc) => !seen.has(doc.id));
        if (fresh.length === 0) break;
        for (const entry of fresh) {
          seen.add(entry.id);
          const done = await inviteOne(productId, entry, actorId);
          if (done) invited.push(done);
        }
      }
      return { invited, skipped: [] };
    },
  };
};

export type WaitlistInviter = ReturnType<typeof createWaitlistInviter>;
