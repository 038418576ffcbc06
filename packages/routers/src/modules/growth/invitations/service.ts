import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { isoNow } from '../../../lib/time';
import { NEVER, normalizeCode, randomCode } from '../codes';
import { found } from '../mutated';
import {
  type InvitationDoc,
  type InvitationsRepository,
  invitationIdOf,
  type RedemptionDoc,
} from './repository';
import type { TInvitation, TInvitationListInput, TInvitationValidateOutput } from './schema';
import { statusOf, toInvitation, toRedemption, whereStatus } from './view';

type CreateInput = {
  code?: string | undefined;
  maxUses: number;
  expiresAt?: string | undefined;
  note?: string | undefined;
  waitlistEntryId?: string | null;
  email?: string | null;
};

const refusal = (status: 'expired' | 'exhausted' | 'revoked'): AppError => {
  const fields = [{ path: 'code', message: `This invitation is ${status}` }];
  if (status === 'exhausted') {
    return new AppError('CONFLICT', 'This invitation has no uses left', { fields });
  }
  return new AppError('FORBIDDEN', `This invitation is ${status}`, { fields });
};

/** Invitation codes: admins create, list and revoke them; anyone checks one; signed-in users redeem one. */
export const createInvitationsService = (deps: {
  repo: InvitationsRepository;
  clock: Clock;
  bus: EventBus;
}) => {
  const { repo, clock, bus } = deps;
  const now = () => isoNow(clock);
  const load = async (productId: string, id: string) => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Invitation not found');
    return doc;
  };
  const findByCode = (productId: string, code: string) =>
    repo.get(productId, invitationIdOf(normalizeCode(code)));

  const create = async (productId: string, input: CreateInput, actorId: string): Promise<TInvitation> => {
    if (input.expiresAt && Date.parse(input.expiresAt) <= clock()) {
      throw new AppError('BAD_REQUEST', 'expiresAt must be in the future', {
        fields: [{ path: 'expiresAt', message: 'Must be in the future' }],
      });
    }
    const at = now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
    // A generated code that collides (31^10 space) is simply drawn again; a chosen one is refused.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = input.code ? normalizeCode(input.code) : randomCode(10);
      const doc: InvitationDoc = {
        id: invitationIdOf(code),
        productId,
        code,
        maxUses: input.maxUses,
        uses: 0,
        remaining: input.maxUses,
        status: 'active',
        expiresAt,
        expiresKey: expiresAt ?? NEVER,
        note: input.note ?? '',
        waitlistEntryId: input.waitlistEntryId ?? null,
        email: input.email ?? null,
        createdBy: actorId,
        createdAt: at,
        updatedAt: at,
        revokedAt: null,
      };
      const staged = bus.stage(
        'invitation.created',
        {
          invitationId: doc.id,
          maxUses: doc.maxUses,
          expiresAt: doc.expiresAt,
          waitlistEntryId: doc.waitlistEntryId,
          email: doc.email,
        },
        { productId, actorId },
      );
      try {
        return toInvitation(await repo.create(doc, staged), at);
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        if (input.code) {
          throw new AppError('CONFLICT', `The code ${code} is already taken`, {
            fields: [{ path: 'code', message: 'Already taken in this product' }],
          });
        }
      }
    }
    throw new AppError('INTERNAL', 'Could not draw a free invitation code');
  };

  return {
    create,
    async list(productId: string, input: TInvitationListInput) {
      const at = now();
      const where = whereStatus(input.status, at);
      const [page, total] = await Promise.all([
        repo.list(productId, where, input.limit ?? 50, input.cursor),
        repo.count(productId, where),
      ]);
      return { items: page.items.map((doc) => toInvitation(doc, at)), nextCursor: page.continuation, total };
    },
    async get(productId: string, id: string) {
      const doc = await load(productId, id);
      const redemptions = await repo.redemptionsOf(productId, id);
      return { ...toInvitation(doc, now()), redemptions: redemptions.map(toRedemption) };
    },
    /** Raw read for other growth services (the waitlist follows its invitations). */
    find: (productId: string, id: string) => repo.get(productId, id),
    async revoke(productId: string, id: string, actorId: string): Promise<TInvitation> {
      const { doc } = await found(
        repo.mutate(
          productId,
          id,
          (current): InvitationDoc | null =>
            current.status === 'revoked'
              ? null
              : { ...withoutSystemFields(current), status: 'revoked', revokedAt: now(), updatedAt: now() },
          () => bus.stage('invitation.revoked', { invitationId: id }, { productId, actorId }),
        ),
        'Invitation not found',
      );
      return toInvitation(doc, now());
    },
    /** Removes an unused code that lost a race before anyone saw it (waitlist invites). */
    discard: async (productId: string, id: string) => {
      await repo.delete(productId, id);
    },
    async validate(productId: string, code: string): Promise<TInvitationValidateOutput> {
      const doc = await findByCode(productId, code);
      if (!doc) return { valid: false, reason: 'unknown', expiresAt: null, remainingUses: null };
      const status = statusOf(doc, now());
      const base = { expiresAt: doc.expiresAt, remainingUses: Math.max(0, doc.remaining) };
      return status === 'active'
        ? { ...base, valid: true, reason: 'ok' }
        : { ...base, valid: false, reason: status };
    },
    /**
     * One redemption per user per code (the redemption's id is the pair, so a second one is a conflict); the
     * use is counted on the code with its etag, retried on a concurrent change, so maxUses is never exceeded.
     */
    async redeem(productId: string, code: string, user: { userId: string; email: string }) {
      const invitation = await findByCode(productId, code);
      if (!invitation) {
        throw new AppError('NOT_FOUND', 'Unknown invitation code', {
          fields: [{ path: 'code', message: 'No invitation with this code' }],
        });
      }
      const early = statusOf(invitation, now());
      if (early !== 'active') throw refusal(early);
      const redemption: RedemptionDoc = {
        id: `${invitation.id}:${user.userId}`,
        productId,
        invitationId: invitation.id,
        userId: user.userId,
        email: user.email,
        redeemedAt: now(),
      };
      try {
        await repo.createRedemption(redemption);
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        throw new AppError('CONFLICT', 'You already redeemed this invitation', {
          fields: [{ path: 'code', message: 'Already redeemed by you' }],
        });
      }
      // The redemption (another container) is undone when the use cannot be counted, so the counted use is
      // what makes the redemption happen: the event commits with it.
      let counted: InvitationDoc;
      try {
        const { doc } = await found(
          repo.mutate(
            productId,
            invitation.id,
            (current) => {
              const status = statusOf(current, now());
              if (status !== 'active') throw refusal(status);
              return {
                ...withoutSystemFields(current),
                uses: current.uses + 1,
                remaining: current.remaining - 1,
                updatedAt: now(),
              };
            },
            () =>
              bus.stage(
                'invitation.redeemed',
                { invitationId: invitation.id, userId: user.userId },
                { productId, actorId: user.userId },
              ),
          ),
        );
        counted = doc;
      } catch (error) {
        await repo.deleteRedemption(productId, redemption.id);
        throw error;
      }
      return {
        invitationId: invitation.id,
        redemptionId: redemption.id,
        redeemedAt: redemption.redeemedAt,
        remainingUses: Math.max(0, counted.remaining),
      };
    },
  };
};

export type InvitationsService = ReturnType<typeof createInvitationsService>;
