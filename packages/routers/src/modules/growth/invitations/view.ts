import type { Stored } from '@bytelyst/db/document-store';
import type { InvitationDoc, RedemptionDoc } from './repository';
import type { TInvitation, TInvitationStatus, TRedemption } from './schema';

/** Revoked wins, then exhausted, then expired. */
export const statusOf = (doc: InvitationDoc, nowIso: string): TInvitationStatus => {
  if (doc.status === 'revoked') return 'revoked';
  if (doc.remaining <= 0) return 'exhausted';
  if (doc.expiresKey <= nowIso) return 'expired';
  return 'active';
};

export const toInvitation = (doc: InvitationDoc, nowIso: string): TInvitation => ({
  id: doc.id,
  productId: doc.productId,
  code: doc.code,
  maxUses: doc.maxUses,
  uses: doc.uses,
  status: statusOf(doc, nowIso),
  expiresAt: doc.expiresAt,
  note: doc.note,
  waitlistEntryId: doc.waitlistEntryId,
  email: doc.email,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  revokedAt: doc.revokedAt,
});

export const toRedemption = (doc: Stored<RedemptionDoc> | RedemptionDoc): TRedemption => ({
  id: doc.id,
  invitationId: doc.invitationId,
  userId: doc.userId,
  email: doc.email,
  redeemedAt: doc.redeemedAt,
});

/** The store filter of a derived status. */
export const whereStatus = (status: TInvitationStatus | undefined, nowIso: string) => {
  switch (status) {
    case undefined:
      return {};
    case 'revoked':
      return { status: { eq: 'revoked' } };
    case 'exhausted':
      return { status: { eq: 'active' }, remaining: { lte: 0 } };
    case 'expired':
      return { status: { eq: 'active' }, remaining: { gt: 0 }, expiresKey: { lte: nowIso } };
    case 'active':
      return { status: { eq: 'active' }, remaining: { gt: 0 }, expiresKey: { gt: nowIso } };
  }
};
