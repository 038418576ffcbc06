import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { SESSIONS_CONTAINERS } from './containers';
import type { TSession } from './schema';

export type SessionDoc = TSession & {
  refreshTokenHash: string;
  /** Hashes of rotated refresh tokens, newest last; presenting one of these is reuse. */
  previousRefreshTokenHashes: string[];
  revokeReason?: string;
  /** `impersonation`: a shadow session an admin opened to view as the user (no refresh token); absent: sign-in. */
  kind?: 'impersonation';
};

/** Sessions live in the user's partition (pk userId): the check on every request is one point read. */
export const createSessionsRepository = (store: DocumentStore) => {
  const sessions = () => store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name);
  return {
    get: (userId: string, id: string): Promise<Stored<SessionDoc> | undefined> => sessions().read(id, userId),
    create: (doc: SessionDoc, ttlSeconds: number, outbox?: Outbox) =>
      sessions().create(doc, { ttl: ttlSeconds, ...(outbox ? { outbox } : {}) }),
    replace: (doc: SessionDoc, opts: { ifMatch?: string; ttl?: number; outbox?: Outbox }) =>
      sessions().replace(doc, opts),
    delete: (userId: string, id: string) => sessions().delete(id, userId),
    async listOfUser(userId: string): Promise<Stored<SessionDoc>[]> {
      const out: Stored<SessionDoc>[] = [];
      let continuation: string | undefined;
      do {
        const page = await sessions().query({
          partitionKey: userId,
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        out.push(...page.items);
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return out;
    },
    /** Across all users: sessions whose `field` (expiresAt or revokedAt) is before `beforeIso`, oldest first. */
    listEndedBefore: (
      field: 'expiresAt' | 'revokedAt',
      beforeIso: string,
      page: { limit: number; continuation?: string | undefined },
    ) =>
      sessions().query({
        where: { [field]: { lt: beforeIso } },
        orderBy: [{ field, direction: 'asc' }],
        limit: page.limit,
        ...(page.continuation ? { continuation: page.continuation } : {}),
      }),
    countActive: (where: { userId?: string; productId?: string; nowIso: string }) =>
      sessions().count({
        ...(where.userId ? { partitionKey: where.userId } : {}),
        where: {
          revokedAt: { exists: false },
          expiresAt: { gt: where.nowIso },
          ...(where.productId ? { productId: { eq: where.productId } } : {}),
        },
      }),
  };
};

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
