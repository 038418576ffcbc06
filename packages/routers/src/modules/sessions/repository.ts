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
  /** Which device this is for "never used before" (client.ts deviceKeyOf). */
  deviceKey?: string;
  /** SHA-256 of the "this wasn't me" token of the new sign-in mail; set only when that mail goes out. */
  reportTokenHash?: string;
  /** When that token was used (it works once). */
  reportedAt?: string;
};

/** A device a user signed in from; its id is `knownDeviceId(deviceKey)`. */
export type KnownDeviceDoc = {
  id: string;
  userId: string;
  productId: string;
  deviceKey: string;
  platform: string;
  deviceId?: string;
  browser?: string;
  os?: string;
  firstSeenAt: string;
  lastSeenAt: string;
};

/** Every document of one partition, a page at a time. */
const listPartition = async <T extends { id: string }>(
  query: (continuation?: string) => Promise<{ items: Stored<T>[]; continuation: string | null }>,
): Promise<Stored<T>[]> => {
  const out: Stored<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await query(continuation);
    out.push(...page.items);
    continuation = page.continuation ?? undefined;
  } while (continuation);
  return out;
};

/** Sessions live in the user's partition (pk userId): the check on every request is one point read. */
export const createSessionsRepository = (store: DocumentStore) => {
  const sessions = () => store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name);
  const devices = () => store.container<KnownDeviceDoc>(SESSIONS_CONTAINERS.knownDevices.name);
  return {
    get: (userId: string, id: string): Promise<Stored<SessionDoc> | undefined> => sessions().read(id, userId),
    create: (doc: SessionDoc, ttlSeconds: number, outbox?: Outbox) =>
      sessions().create(doc, { ttl: ttlSeconds, ...(outbox ? { outbox } : {}) }),
    replace: (doc: SessionDoc, opts: { ifMatch?: string; ttl?: number; outbox?: Outbox }) =>
      sessions().replace(doc, opts),
    delete: (userId: string, id: string) => sessions().delete(id, userId),
    listOfUser: (userId: string): Promise<Stored<SessionDoc>[]> =>
      listPartition((continuation) =>
        sessions().query({ partitionKey: userId, limit: 1000, ...(continuation ? { continuation } : {}) }),
      ),
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
    devices: {
      listOfUser: (userId: string): Promise<Stored<KnownDeviceDoc>[]> =>
        listPartition((continuation) =>
          devices().query({ partitionKey: userId, limit: 1000, ...(continuation ? { continuation } : {}) }),
        ),
      upsert: (doc: KnownDeviceDoc) => devices().upsert(doc, { ttl: -1 }),
      delete: (userId: string, id: string) => devices().delete(id, userId),
    },
  };
};

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
