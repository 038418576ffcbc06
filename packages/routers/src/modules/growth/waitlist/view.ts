import type { Filter } from '@bytelyst/db/document-store';
import type { WaitlistDoc } from './repository';
import type { TWaitlistEntry, TWaitlistFilters } from './schema';

export const toEntry = ({
  emailLower: _e,
  tokenHash: _t,
  activityAt: _a,
  ...doc
}: WaitlistDoc): TWaitlistEntry => ({
  id: doc.id,
  productId: doc.productId,
  email: doc.email,
  name: doc.name,
  position: doc.position,
  status: doc.status,
  referralCode: doc.referralCode,
  source: doc.source,
  note: doc.note,
  invitationId: doc.invitationId,
  invitationCode: doc.invitationCode,
  userId: doc.userId,
  invitedAt: doc.invitedAt,
  joinedAt: doc.joinedAt,
  removedAt: doc.removedAt,
  followUpAt: doc.followUpAt,
  followUps: doc.followUps,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const iso = (value: string) => new Date(value).toISOString();

export const whereOf = (filters: TWaitlistFilters): Filter<WaitlistDoc> => {
  const created = {
    ...(filters.createdFrom ? { gte: iso(filters.createdFrom) } : {}),
    ...(filters.createdTo ? { lte: iso(filters.createdTo) } : {}),
  };
  return {
    ...(filters.status ? { status: { eq: filters.status } } : {}),
    ...(filters.search ? { emailLower: { contains: filters.search.toLowerCase() } } : {}),
    ...(Object.keys(created).length > 0 ? { createdAt: created } : {}),
  };
};
