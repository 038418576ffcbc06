import type { Clock, Stored } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, StagedEvents } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { safeEqual, sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { knownDeviceId } from './client';
import { parseReportToken } from './report-token';
import type { SessionDoc, SessionsRepository } from './repository';

export type RevokeReason =
  | 'logout'
  | 'reuse_detected'
  | 'user_disabled'
  | 'user_deleted'
  | 'admin'
  | 'revoked_by_user'
  | 'reported'
  | 'password_reset'
  | 'password_changed';

/** Reasons where the session's own user acted (the event's actor). */
const BY_USER: readonly RevokeReason[] = ['logout', 'revoked_by_user', 'reported'];

const notFound = () => new AppError('NOT_FOUND', 'Session not found');
const badReport = () =>
  new AppError('BAD_REQUEST', 'This link is invalid or was already used', {
    fields: [{ path: 'token', message: 'Invalid or already used' }],
  });

/**
 * Ending sessions: each revocation commits with its `session.revoked` event and leaves this instance's principal
 * cache at once (`onInvalidate`); other instances drop it when their cache entry lapses (SESSION_CACHE_TTL_MS).
 */
export const createRevocation = (deps: {
  repo: SessionsRepository;
  clock: Clock;
  bus: EventBus;
  /** Seconds a revoked session is kept (its TTL restarts at revocation). */
  ttl: number;
  isLive: (session: SessionDoc) => boolean;
  onInvalidate: (userId: string, sessionId?: string) => void;
}) => {
  const { repo, clock, isLive } = deps;

  const revokeDoc = async (
    session: Stored<SessionDoc>,
    reason: RevokeReason,
    actorId?: string | null,
    extra: Partial<SessionDoc> = {},
    /** Stages more events with the revocation (ending an impersonation reports itself). */
    also?: (staged: StagedEvents) => StagedEvents,
  ): Promise<boolean> => {
    if (session.revokedAt) return false;
    const staged = deps.bus.stage(
      'session.revoked',
      { userId: session.userId, sessionId: session.id, reason },
      {
        productId: session.productId,
        actorId: actorId !== undefined ? actorId : BY_USER.includes(reason) ? session.userId : null,
      },
    );
    await repo.replace(
      { ...withoutSystemFields(session), ...extra, revokedAt: isoNow(clock), revokeReason: reason },
      {
        ttl: deps.ttl,
        ...(extra.reportedAt ? { ifMatch: session._etag } : {}),
        outbox: also ? also(staged) : staged,
      },
    );
    deps.onInvalidate(session.userId, session.id);
    return true;
  };

  const revokeAll = async (
    userId: string,
    reason: RevokeReason,
    opts: { productId?: string; exceptSessionId?: string; actorId?: string | null } = {},
  ): Promise<number> => {
    const live = (await repo.listOfUser(userId)).filter(
      (s) =>
        isLive(s) &&
        s.id !== opts.exceptSessionId &&
        (opts.productId === undefined || s.productId === opts.productId),
    );
    let revoked = 0;
    for (const session of live) if (await revokeDoc(session, reason, opts.actorId)) revoked += 1;
    // A disabled or deleted user: drop every cached session of theirs, not only the live ones just ended.
    if (opts.exceptSessionId === undefined) deps.onInvalidate(userId);
    return revoked;
  };

  /**
   * "This wasn't me": the token of a new sign-in mail ends that one session, once. The device stops being known,
   * so the next sign-in from it mails again.
   */
  const report = async (token: string, attempt = 0): Promise<{ revoked: boolean }> => {
    const ref = parseReportToken(token);
    const session = ref ? await repo.get(ref.userId, ref.sessionId) : undefined;
    if (
      !session?.reportTokenHash ||
      session.reportedAt ||
      !safeEqual(session.reportTokenHash, sha256(token))
    ) {
      throw badReport();
    }
    const reportedAt = isoNow(clock);
    const revoked = isLive(session);
    try {
      if (revoked) await revokeDoc(session, 'reported', session.userId, { reportedAt });
      else {
        await repo.replace(
          { ...withoutSystemFields(session), reportedAt },
          { ifMatch: session._etag, ttl: deps.ttl },
        );
      }
    } catch (error) {
      // The session changed under us (a refresh, a last-active mark, the same link used a moment earlier): read
      // it again; a used link then fails the check above.
      if (isStoreError(error, 'precondition_failed') && attempt < 3) return report(token, attempt + 1);
      throw error;
    }
    if (session.deviceKey) await repo.devices.delete(session.userId, knownDeviceId(session.deviceKey));
    return { revoked };
  };

  return {
    async revoke(userId: string, sessionId: string, reason: RevokeReason): Promise<void> {
      const session = await repo.get(userId, sessionId);
      if (session) await revokeDoc(session, reason);
    },
    revokeAll,
    /** Revokes with more events committed alongside; false when it was already revoked. */
    revokeWith: (
      session: Stored<SessionDoc>,
      reason: RevokeReason,
      also: (staged: StagedEvents) => StagedEvents,
    ): Promise<boolean> => revokeDoc(session, reason, undefined, {}, also),
    /** The caller ends one of their own sessions; another user's session id is simply not found. */
    async revokeMine(userId: string, sessionId: string): Promise<{ revoked: number }> {
      const session = await repo.get(userId, sessionId);
      if (!session) throw notFound();
      return { revoked: (await revokeDoc(session, 'revoked_by_user')) ? 1 : 0 };
    },
    /** Sign out everywhere, or everywhere else with `keepSessionId`. */
    async revokeAllMine(userId: string, keepSessionId: string | undefined): Promise<{ revoked: number }> {
      const revoked = await revokeAll(userId, 'revoked_by_user', {
        ...(keepSessionId ? { exceptSessionId: keepSessionId } : {}),
      });
      return { revoked };
    },
    /** An admin ends one session of a user of their product. */
    async revokeOfUser(
      productId: string,
      userId: string,
      sessionId: string,
      actorId: string,
    ): Promise<{ revoked: number }> {
      const session = await repo.get(userId, sessionId);
      if (!session || session.productId !== productId) throw notFound();
      return { revoked: (await revokeDoc(session, 'admin', actorId)) ? 1 : 0 };
    },
    report: (token: string) => report(token),
  };
};
