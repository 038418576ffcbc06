import { randomBytes } from 'node:crypto';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId, sha256 } from '../../lib/crypto';
import { DAY_SECONDS, isoIn, isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import type { ApiTokenDoc, TokensRepository } from './repository';
import type { TApiToken, TTokenCreateInput, TTokenRole } from './schema';

export const API_TOKEN_PREFIX = 'blt_';
/** lastUsedAt is refreshed at most this often, so a busy token is not a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const toToken = ({ tokenHash: _h, createdByEmail: _e, ...rest }: ApiTokenDoc): TApiToken => ({
  id: rest.id,
  productId: rest.productId,
  name: rest.name,
  role: rest.role,
  prefix: rest.prefix,
  createdBy: rest.createdBy,
  createdAt: rest.createdAt,
  lastUsedAt: rest.lastUsedAt,
  expiresAt: rest.expiresAt,
  revokedAt: rest.revokedAt,
});

export type TokenCreator = { userId: string; email: string; roles: readonly string[] };

export const createTokensService = (deps: {
  repo: TokensRepository;
  clock: Clock;
  cacheTtlMs: number;
  bus: EventBus;
}) => {
  const { repo, clock } = deps;
  const cache = createTtlCache<Stored<ApiTokenDoc> | null>({ ttlMs: deps.cacheTtlMs, clock });
  const isLive = (t: ApiTokenDoc) => !t.revokedAt && (!t.expiresAt || t.expiresAt > isoNow(clock));

  /** The live token for a plaintext bearer value, or undefined (unknown, revoked or expired). */
  const resolve = async (token: string): Promise<Stored<ApiTokenDoc> | undefined> => {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const hash = sha256(token);
    let doc = cache.get(hash);
    if (doc === undefined) {
      doc = (await repo.findByHash(hash)) ?? null;
      cache.set(hash, doc);
    }
    return doc && isLive(doc) ? doc : undefined;
  };

  return {
    resolve,
    async create(productId: string, input: TTokenCreateInput, creator: TokenCreator) {
      const mayAdmin = creator.roles.includes('admin') || creator.roles.includes('super_admin');
      if (input.role === 'admin' && !mayAdmin) {
        throw new AppError('FORBIDDEN', 'A token cannot have a higher role than its creator');
      }
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const doc: ApiTokenDoc = {
        id: randomId(12),
        productId,
        name: input.name,
        role: input.role,
        prefix: token.slice(0, 8),
        tokenHash: sha256(token),
        createdBy: creator.userId,
        createdByEmail: creator.email,
        createdAt: isoNow(clock),
        lastUsedAt: null,
        expiresAt: input.expiresInDays ? isoIn(clock, input.expiresInDays * DAY_SECONDS) : null,
        revokedAt: null,
      };
      const item = toToken(
        await repo.create(
          doc,
          deps.bus.stage(
            'token.created',
            { tokenId: doc.id, role: doc.role },
            { productId, actorId: creator.userId },
          ),
        ),
      );
      return { token, item };
    },
    async list(productId: string, input: { includeRevoked?: boolean; limit?: number; cursor?: string }) {
      const where = input.includeRevoked ? {} : { revokedAt: { eq: null } };
      const page = await repo.list(productId, where, input.limit ?? 50, input.cursor);
      return { items: page.items.map(toToken), nextCursor: page.continuation };
    },
    async revoke(productId: string, id: string, actorId: string): Promise<TApiToken> {
      const doc = await repo.get(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', 'Token not found');
      if (doc.revokedAt) return toToken(doc);
      const saved = await repo.replace(
        { ...withoutSystemFields(doc), revokedAt: isoNow(clock) },
        doc._etag,
        deps.bus.stage('token.revoked', { tokenId: id }, { productId, actorId }),
      );
      cache.delete(doc.tokenHash);
      return toToken(saved);
    },
    async validate(token: string) {
      const doc = await resolve(token);
      if (!doc) return { valid: false };
      return {
        valid: true,
        productId: doc.productId,
        role: doc.role as TTokenRole,
        expiresAt: doc.expiresAt,
      };
    },
    /** Best effort and throttled; a failed timestamp write never fails the request. */
    async touch(doc: Stored<ApiTokenDoc>): Promise<void> {
      const last = doc.lastUsedAt ? Date.parse(doc.lastUsedAt) : 0;
      if (clock() - last < LAST_USED_RESOLUTION_MS) return;
      const { _etag, _ts, ttl, ...rest } = doc;
      try {
        const saved = await repo.replace({ ...rest, lastUsedAt: isoNow(clock) }, _etag);
        cache.set(doc.tokenHash, saved);
      } catch {
        cache.delete(doc.tokenHash);
      }
    },
    async deleteCreatedBy(productId: string, userId: string): Promise<number> {
      let deleted = 0;
      for (;;) {
        const page = await repo.list(productId, { createdBy: { eq: userId } }, 100);
        if (page.items.length === 0) return deleted;
        for (const doc of page.items) {
          await repo.delete(productId, doc.id);
          cache.delete(doc.tokenHash);
          deleted += 1;
        }
      }
    },
    countActive: (productId: string) => repo.count(productId, { revokedAt: { eq: null } }),
  };
};

export type TokensService = ReturnType<typeof createTokensService>;
