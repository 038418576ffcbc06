import type { DocumentStore, Filter, Outbox } from '@bytelyst/db/document-store';
import { GROWTH_CONTAINERS } from '../containers';
import { mutateIn } from '../mutated';
import type { TReferral } from './schema';

export type ReferralDoc = TReferral & { emailLower: string | null };

/** One per user: the code they share, who referred them, and how many of theirs signed up and converted. */
export type ReferralCodeDoc = {
  id: string;
  productId: string;
  userId: string;
  code: string;
  referredBy: string | null;
  signups: number;
  conversions: number;
  createdAt: string;
  updatedAt: string;
};

export const createReferralsRepository = (store: DocumentStore) => {
  const referrals = () => store.container<ReferralDoc>(GROWTH_CONTAINERS.referrals.name);
  const codes = () => store.container<ReferralCodeDoc>(GROWTH_CONTAINERS.referralCodes.name);
  const first = async <T>(items: Promise<{ items: T[] }>) => (await items).items[0];
  return {
    get: (productId: string, id: string) => referrals().read(id, productId),
    create: (doc: ReferralDoc, outbox?: Outbox) => referrals().create(doc, { outbox }),
    mutate: mutateIn(referrals),
    codeOf: (productId: string, userId: string) => codes().read(userId, productId),
    /** Throws StoreError `conflict` when the user already has a code document. */
    createCode: (doc: ReferralCodeDoc) => codes().create(doc),
    mutateCode: mutateIn(codes),
    findCode: (productId: string, code: string) =>
      first(codes().query({ partitionKey: productId, where: { code: { eq: code } }, limit: 1 })),
    findPending: (productId: string, code: string, emailLower: string) =>
      first(
        referrals().query({
          partitionKey: productId,
          where: { code: { eq: code }, emailLower: { eq: emailLower }, status: { eq: 'pending' } },
          limit: 1,
        }),
      ),
    findByReferred: (productId: string, userId: string) =>
      first(referrals().query({ partitionKey: productId, where: { referredId: { eq: userId } }, limit: 1 })),
    list: (productId: string, where: Filter<ReferralDoc>, limit: number, continuation?: string) =>
      referrals().query({
        partitionKey: productId,
        where,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<ReferralDoc>) =>
      referrals().count({ partitionKey: productId, where }),
    topReferrers: async (productId: string, limit: number) =>
      (
        await codes().query({
          partitionKey: productId,
          where: { signups: { gt: 0 } },
          orderBy: [{ field: 'signups', direction: 'desc' }],
          limit,
        })
      ).items,
  };
};

export type ReferralsRepository = ReturnType<typeof createReferralsRepository>;
