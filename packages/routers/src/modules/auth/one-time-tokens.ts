import type { Clock, DocumentStore, Stored } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import { randomId, safeEqual, sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';

/**
 * One-time tokens mailed to a user (a password reset, an email verification, an email change). A token reads
 * `<prefix>_<productId>.<id>.<secret>`: the product and id find its record with one point read, the secret is
 * 32 random bytes, and the record keeps only the SHA-256 of the whole token (compared in constant time).
 */
export type OneTimeTokenDoc = {
  id: string;
  productId: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  /** A newer token for the same purpose replaced it. */
  invalidatedAt?: string;
  /** The address the token was mailed to; the token is void once the user's address changes. */
  email?: string;
};

export type TokenPrefix = 'rp' | 've' | 'ec';

const PATTERN = /^(rp|ve|ec)_([a-z][a-z0-9-]{1,31})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43,86})$/;

const parse = (prefix: TokenPrefix, token: string) => {
  const match = PATTERN.exec(token);
  if (!match || match[1] !== prefix) return undefined;
  const [, , productId, id] = match;
  return productId && id ? { productId, id } : undefined;
};

export const createOneTimeTokens = (
  store: DocumentStore,
  container: string,
  prefix: TokenPrefix,
  clock: Clock,
) => {
  const docs = () => store.container<OneTimeTokenDoc>(container);
  const usable = (doc: OneTimeTokenDoc) => !doc.usedAt && !doc.invalidatedAt && doc.expiresAt > isoNow(clock);

  return {
    /** A new token for the user, valid `validMs`; the token itself is returned once and never stored. */
    async issue(
      productId: string,
      userId: string,
      validMs: number,
      extra: Pick<OneTimeTokenDoc, 'email'> = {},
    ): Promise<{ token: string; doc: OneTimeTokenDoc }> {
      const id = randomId(16);
      const token = `${prefix}_${productId}.${id}.${randomId(32)}`;
      const now = clock();
      const doc: OneTimeTokenDoc = {
        id,
        productId,
        userId,
        tokenHash: sha256(token),
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + validMs).toISOString(),
        ...extra,
      };
      await docs().create(doc);
      return { token, doc };
    },
    /** The token's record while it can still be used; undefined for an unknown, used, replaced or expired one. */
    async find(token: string): Promise<Stored<OneTimeTokenDoc> | undefined> {
      const parsed = parse(prefix, token);
      if (!parsed) return undefined;
      const doc = await docs().read(parsed.id, parsed.productId);
      if (!doc || !safeEqual(doc.tokenHash, sha256(token))) return undefined;
      return usable(doc) ? doc : undefined;
    },
    /** Marks the token used; false when it was used, replaced or expired meanwhile (it works once). */
    async consume(doc: OneTimeTokenDoc): Promise<boolean> {
      let consumed = false;
      await docs().mutate(doc.id, doc.productId, (current) => {
        consumed = usable(current);
        return consumed ? { ...withoutSystemFields(current), usedAt: isoNow(clock) } : null;
      });
      return consumed;
    },
    /**
     * Voids the user's tokens made before `newer` that could still be used. Only older ones: two requests in
     * the same millisecond leave both links working rather than each voiding the other.
     */
    async invalidateOlder(newer: OneTimeTokenDoc): Promise<number> {
      const { items } = await docs().query({
        partitionKey: newer.productId,
        where: {
          userId: { eq: newer.userId },
          createdAt: { lt: newer.createdAt },
          usedAt: { exists: false },
          invalidatedAt: { exists: false },
        },
        limit: 100,
      });
      let voided = 0;
      for (const doc of items) {
        const result = await docs().mutate(doc.id, newer.productId, (current) =>
          usable(current) ? { ...withoutSystemFields(current), invalidatedAt: isoNow(clock) } : null,
        );
        if (result?.changed) voided += 1;
      }
      return voided;
    },
  };
};

export type OneTimeTokens = ReturnType<typeof createOneTimeTokens>;
