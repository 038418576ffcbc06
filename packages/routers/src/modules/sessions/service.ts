import type { Clock, Stored } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId, safeEqual, sha256 } from '../../lib/crypto';
import { DAY_SECONDS, isoIn, isoNow } from '../../lib/time';
import type { SessionDoc, SessionsRepository } from './repository';

export type SessionMeta = { platform: string; ip: string; userAgent: string };
export type RevokeReason =
  | 'logout'
  | 'reuse_detected'
  | 'user_disabled'
  | 'user_deleted'
  | 'admin'
  | 'password_reset';

const REFRESH_PATTERN = /^rt_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const KEEP_PREVIOUS = 20;

const refreshTokenFor = (userId: string, sessionId: string) => `rt_${userId}.${sessionId}.${randomId(32)}`;
const invalid = () => new AppError('UNAUTHORIZED', 'Invalid or expired refresh token');

export const createSessionsService = (deps: {
  repo: SessionsRepository;
  clock: Clock;
  ttlDays: number;
  /** Called whenever a session stops being valid, so request-path caches drop it. */
  onInvalidate: (userId: string, sessionId?: string) => void;
  bus: EventBus;
}) => {
  const { repo, clock } = deps;
  const ttl = deps.ttlDays * DAY_SECONDS;
  const isLive = (s: SessionDoc) => !s.revokedAt && s.expiresAt > isoNow(clock);

  const revokeDoc = async (session: Stored<SessionDoc>, reason: RevokeReason) => {
    if (session.revokedAt) return;
    await repo.replace(
      { ...withoutSystemFields(session), revokedAt: isoNow(clock), revokeReason: reason },
      {
        ttl,
        outbox: deps.bus.stage(
          'session.revoked',
          { userId: session.userId, sessionId: session.id, reason },
          { productId: session.productId, actorId: reason === 'logout' ? session.userId : null },
        ),
      },
    );
    deps.onInvalidate(session.userId, session.id);
  };

  const rotate = async (token: string, meta: SessionMeta, attempt = 0): Promise<RotateResult> => {
    const match = REFRESH_PATTERN.exec(token);
    const [, userId, sessionId] = match ?? [];
    if (!userId || !sessionId) throw invalid();
    const session = await repo.get(userId, sessionId);
    if (!session || !isLive(session)) throw invalid();
    const hash = sha256(token);
    if (session.previousRefreshTokenHashes.some((old) => safeEqual(old, hash))) {
      await revokeDoc(session, 'reuse_detected');
      throw new AppError('UNAUTHORIZED', 'Refresh token reuse detected; the session was revoked');
    }
    if (!safeEqual(session.refreshTokenHash, hash)) throw invalid();
    const refreshToken = refreshTokenFor(userId, sessionId);
    const { _etag, _ts, ttl: _ttl, ...doc } = session;
    const next: SessionDoc = {
      ...doc,
      refreshTokenHash: sha256(refreshToken),
      previousRefreshTokenHashes: [...doc.previousRefreshTokenHashes, hash].slice(-KEEP_PREVIOUS),
      lastActiveAt: isoNow(clock),
      expiresAt: isoIn(clock, ttl),
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
    };
    try {
      return { session: await repo.replace(next, { ifMatch: _etag, ttl }), refreshToken };
    } catch (error) {
      // A concurrent refresh won the race: retrying sees this token as rotated and treats it as reuse.
      if (isStoreError(error, 'precondition_failed') && attempt < 2) return rotate(token, meta, attempt + 1);
      throw error;
    }
  };

  return {
    async create(productId: string, userId: string, meta: SessionMeta) {
      const id = randomId(16);
      const refreshToken = refreshTokenFor(userId, id);
      const now = isoNow(clock);
      const doc: SessionDoc = {
        id,
        productId,
        userId,
        platform: meta.platform,
        ipAddress: meta.ip,
        userAgent: meta.userAgent,
        lastActiveAt: now,
        createdAt: now,
        expiresAt: isoIn(clock, ttl),
        refreshTokenHash: sha256(refreshToken),
        previousRefreshTokenHashes: [],
      };
      return { session: await repo.create(doc, ttl), refreshToken };
    },
    /** Swaps a refresh token for a new one; a rotated token presented again revokes the session. */
    rotate: (token: string, meta: SessionMeta) => rotate(token, meta),
    /** The session when it exists, is not revoked and has not expired. */
    async getLive(userId: string, sessionId: string): Promise<Stored<SessionDoc> | undefined> {
      const session = await repo.get(userId, sessionId);
      return session && isLive(session) ? session : undefined;
    },
    async revoke(userId: string, sessionId: string, reason: RevokeReason): Promise<void> {
      const session = await repo.get(userId, sessionId);
      if (session) await revokeDoc(session, reason);
    },
    async revokeAll(userId: string, reason: RevokeReason): Promise<number> {
      const live = (await repo.listOfUser(userId)).filter(isLive);
      for (const session of live) await revokeDoc(session, reason);
      deps.onInvalidate(userId);
      return live.length;
    },
    async deleteAll(userId: string): Promise<void> {
      for (const session of await repo.listOfUser(userId)) await repo.delete(userId, session.id);
      deps.onInvalidate(userId);
    },
    /**
     * Deletes sessions that expired or were revoked before `beforeIso`, a page at a time (the stale-session
     * cleanup job). Stops between pages once `signal` aborts and reports what it did so far.
     */
    async purgeEnded(
      beforeIso: string,
      opts: { signal?: AbortSignal; pageSize?: number } = {},
    ): Promise<{ scanned: number; deleted: number }> {
      let scanned = 0;
      let deleted = 0;
      for (const field of ['expiresAt', 'revokedAt'] as const) {
        let continuation: string | undefined;
        do {
          if (opts.signal?.aborted) return { scanned, deleted };
          const page = await repo.listEndedBefore(field, beforeIso, {
            limit: opts.pageSize ?? 200,
            continuation,
          });
          scanned += page.items.length;
          for (const session of page.items) {
            if (await repo.delete(session.userId, session.id)) deleted += 1;
          }
          continuation = page.continuation ?? undefined;
        } while (continuation);
      }
      return { scanned, deleted };
    },
    countActive: (where: { userId?: string; productId?: string }) =>
      repo.countActive({ ...where, nowIso: isoNow(clock) }),
  };
};

type RotateResult = { session: Stored<SessionDoc>; refreshToken: string };
export type SessionsService = ReturnType<typeof createSessionsService>;
