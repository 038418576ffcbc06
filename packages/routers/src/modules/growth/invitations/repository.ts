import type { DocumentStore, Filter, Outbox } from '@bytelyst/db/document-store';
import { sha256 } from '../../../lib/crypto';
import { GROWTH_CONTAINERS } from '../containers';
import { mutateIn } from '../mutated';
import type { TInvitation, TRedemption } from './schema';

/** Stored form: the derived statuses (expired, exhausted) come from `expiresKey` and `remaining`. */
export type InvitationDoc = Omit<TInvitation, 'status'> & {
  status: 'active' | 'revoked';
  remaining: number;
  expiresKey: string;
};

export type RedemptionDoc = TRedemption & { productId: string };

/** Deterministic from the code, so a duplicate code is a create conflict and lookups are point reads. */
export const invitationIdOf = (code: string): string => `inv_${sha256(code).slice(0, 24)}`;

export const createInvitationsRepository = (store: DocumentStore) => {
  const codes = () => store.container<InvitationDoc>(GROWTH_CONTAINERS.invitationCodes.name);
  const redemptions = () => store.container<RedemptionDoc>(GROWTH_CONTAINERS.invitationRedemptions.name);
  return {
    get: (productId: string, id: string) => codes().read(id, productId),
    /** Throws StoreError `conflict` when the code is taken. */
    create: (doc: InvitationDoc, outbox?: Outbox) => codes().create(doc, { outbox }),
    mutate: mutateIn(codes),
    delete: (productId: string, id: string) => codes().delete(id, productId),
    /** Throws StoreError `conflict` when the user already redeemed the code. */
    createRedemption: (doc: RedemptionDoc) => redemptions().create(doc),
    deleteRedemption: (productId: string, id: string) => redemptions().delete(id, productId),
    list: (productId: string, where: Filter<InvitationDoc>, limit: number, continuation?: string) =>
      codes().query({
        partitionKey: productId,
        where,
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<InvitationDoc>) =>
      codes().count({ partitionKey: productId, where }),
    async redemptionsOf(productId: string, invitationId: string) {
      const page = await redemptions().query({
        partitionKey: productId,
        where: { invitationId: { eq: invitationId } },
        orderBy: [
          { field: 'invitationId', direction: 'asc' },
          { field: 'redeemedAt', direction: 'asc' },
        ],
        limit: 1000,
      });
      return page.items;
    },
  };
};

export type InvitationsRepository = ReturnType<typeof createInvitationsRepository>;
