import { isIP } from 'node:net';
import type { Clock, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus, StagedEvents } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId, safeEqual, sha256 } from '../../lib/crypto';
import { DAY_SECONDS, isoIn, isoNow } from '../../lib/time';
import { createActivityTracker } from './activity';
import { deviceKeyOf, knownDeviceId, parseUserAgent, withClient } from './client';
import { reportTokenFor } from './report-token';
import type { SessionDoc, SessionsRepository } from './repository';
import { createRevocation } from './revocation';
import { describeClient } from './schema';

export type { RevokeReason } from './revocation';

export type SessionMeta = { platform: string; ip: string; userAgent: string; deviceId?: string | undefined };

const REFRESH_PATTERN = /^rt_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const KEEP_PREVIOUS = 20;
/** `lastActiveAt` is written at most this often per session. */
export const ACTIVITY_INTERVAL_MS = 60_000;

const refreshTokenFor = (userId: string, sessionId: string) => `rt_${userId}.${sessionId}.${randomId(32)}`;
const invalid = () => new AppError('UNAUTHORIZED', 'Invalid or expired refresh token');

export const createSessionsService = (deps: {
  repo: SessionsRepository;
  clock: Clock;
  ttlDays: number;
  /** Called whenever a session stops being valid, so request-path caches drop it. */
  onInvalidate: (userId: string, sessionId?: string) => void;
  bus: EventBus;
  /** Keys the "this wasn't me" tokens of new sign-in mails (report-token.ts). */
  reportSecret: string;
  /** The page a "this wasn't me" link opens; `?token=` is appended. */
  reportUrlBase: string;
  onBackgroundError?: (error: unknown) => void;
}) => {
  const { repo, clock } = deps;
  const ttl = deps.ttlDays * DAY_SECONDS;
  const isLive = (s: SessionDoc) => !s.revokedAt && s.expiresAt > isoNow(clock);
  const revocation = createRevocation({
    repo,
    clock,
    bus: deps.bus,
    ttl,
    isLive,
    onInvalidate: deps.onInvalidate,
  });

  /** One `lastActiveAt` mark, unless any instance made one within the interval (or the session ended). */
  const markActive = async (userId: string, sessionId: string, nowMs: number): Promise<void> => {
    const session = await repo.get(userId, sessionId);
    if (!session || !isLive(session)) return;
    if (Date.parse(session.lastActiveAt) > nowMs - ACTIVITY_INTERVAL_MS) return;
    // The stored TTL stays: a shadow session's record outlives its 15 minutes (ending it later is a no-op).
    const left = Math.ceil((Date.parse(session.expiresAt) - nowMs) / 1000);
    try {
      await repo.replace(
        { ...withoutSystemFields(session), lastActiveAt: new Date(nowMs).toISOString() },
        { ifMatch: session._etag, ttl: session.ttl ?? Math.max(1, left) },
      );
    } catch (error) {
      // Another writer (a refresh, a revocation, another instance's mark) got there first: theirs stands.
      if (!isStoreError(error, 'precondition_failed')) throw error;
    }
  };
  const activity = createActivityTracker({
    clock,
    intervalMs: ACTIVITY_INTERVAL_MS,
    write: markActive,
    onError: deps.onBackgroundError ?? (() => undefined),
  });

  const rotate = async (token: string, meta: SessionMeta, attempt = 0): Promise<RotateResult> => {
    const match = REFRESH_PATTERN.exec(token);
    const [, userId, sessionId] = match ?? [];
    if (!userId || !sessionId) throw invalid();
    const session = await repo.get(userId, sessionId);
    // A shadow session has no refresh token: it is never renewed.
    if (!session || !isLive(session) || session.kind === 'impersonation') throw invalid();
    const hash = sha256(token);
    if (session.previousRefreshTokenHashes.some((old) => safeEqual(old, hash))) {
      await revocation.revoke(userId, sessionId, 'reuse_detected');
      throw new AppError('UNAUTHORIZED', 'Refresh token reuse detected; the session was revoked');
    }
    if (!safeEqual(session.refreshTokenHash, hash)) throw invalid();
    const refreshToken = refreshTokenFor(userId, sessionId);
    const { _etag, _ts, ttl: _ttl, ...doc } = session;
    const next: SessionDoc = {
      // A new user agent (the browser updated) is parsed again; the same one keeps what was parsed.
      ...(meta.userAgent === doc.userAgent ? doc : withClient(doc, parseUserAgent(meta.userAgent))),
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
    ...revocation,
    /**
     * A new session, committed with its `session.created` event. `newDevice` in the event (which sends the new
     * sign-in mail) when the user has signed in before but never from this device (client.ts deviceKeyOf); the
     * very first sign-in (registration) never counts as new.
     */
    async create(productId: string, userId: string, meta: SessionMeta) {
      const id = randomId(16);
      const refreshToken = refreshTokenFor(userId, id);
      const now = isoNow(clock);
      const client = parseUserAgent(meta.userAgent);
      const deviceKey = deviceKeyOf({ platform: meta.platform, deviceId: meta.deviceId, ...client });
      const known = await repo.devices.listOfUser(userId);
      const seen = known.find((device) => device.deviceKey === deviceKey);
      const newDevice = known.length > 0 && !seen;
      const doc: SessionDoc = {
        id,
        productId,
        userId,
        platform: meta.platform,
        ...(meta.deviceId ? { deviceId: meta.deviceId } : {}),
        ipAddress: meta.ip,
        userAgent: meta.userAgent,
        ...client,
        deviceKey,
        lastActiveAt: now,
        createdAt: now,
        expiresAt: isoIn(clock, ttl),
        refreshTokenHash: sha256(refreshToken),
        previousRefreshTokenHashes: [],
        ...(newDevice ? { reportTokenHash: sha256(reportTokenFor(deps.reportSecret, userId, id)) } : {}),
      };
      const session = await repo.create(
        doc,
        ttl,
        deps.bus.stage(
          'session.created',
          { userId, sessionId: id, platform: meta.platform, newDevice },
          { productId, actorId: userId },
        ),
      );
      // After the session: a crash in between leaves the device unknown, so the next sign-in mails again.
      await repo.devices.upsert({
        id: knownDeviceId(deviceKey),
        userId,
        productId,
        deviceKey,
        platform: meta.platform,
        ...(meta.deviceId ? { deviceId: meta.deviceId } : {}),
        ...(client.browser ? { browser: client.browser } : {}),
        ...(client.os ? { os: client.os } : {}),
        firstSeenAt: seen?.firstSeenAt ?? now,
        lastSeenAt: now,
      });
      return { session, refreshToken };
    },
    /**
     * A shadow session for an admin viewing as the user: no refresh token (it cannot be renewed), over in
     * `ttlSeconds`; `outbox` stages the events that report it, committed with it.
     */
    async openShadow(
      productId: string,
      userId: string,
      meta: SessionMeta,
      shadow: { impersonatedBy: string; ttlSeconds: number; outbox: (session: SessionDoc) => Outbox },
    ): Promise<Stored<SessionDoc>> {
      const now = isoNow(clock);
      const doc: SessionDoc = {
        id: randomId(16),
        productId,
        userId,
        platform: meta.platform,
        ipAddress: meta.ip,
        userAgent: meta.userAgent,
        ...parseUserAgent(meta.userAgent),
        lastActiveAt: now,
        createdAt: now,
        expiresAt: isoIn(clock, shadow.ttlSeconds),
        refreshTokenHash: '',
        previousRefreshTokenHashes: [],
        kind: 'impersonation',
        impersonatedBy: shadow.impersonatedBy,
      };
      return repo.create(doc, ttl, shadow.outbox(doc));
    },
    /** Ends a live shadow session with the events `also` stages; false when it was not live. */
    async endShadow(
      session: Stored<SessionDoc>,
      also: (staged: StagedEvents) => StagedEvents,
    ): Promise<boolean> {
      if (session.kind !== 'impersonation' || !isLive(session)) return false;
      return revocation.revokeWith(session, 'admin', also);
    },
    /** The session as stored (live or not), for callers that check it themselves. */
    find: (userId: string, sessionId: string) => repo.get(userId, sessionId),
    /** Swaps a refresh token for a new one; a rotated token presented again revokes the session. */
    rotate: (token: string, meta: SessionMeta) => rotate(token, meta),
    /** The session when it exists, is not revoked and has not expired. */
    async getLive(userId: string, sessionId: string): Promise<Stored<SessionDoc> | undefined> {
      const session = await repo.get(userId, sessionId);
      if (!session || !isLive(session)) return undefined;
      activity.seen(userId, sessionId, session.lastActiveAt);
      return session;
    },
    /**
     * A request used this session: marks `lastActiveAt` at most once a minute, in the background (the request
     * never waits for the write). Cheap on every other request.
     */
    touch: (userId: string, sessionId: string) => activity.touch(userId, sessionId),
    /** Resolves once the background marks started so far are written. */
    activitySettled: () => activity.settled(),
    /** Every stored session of a user (live or ended, until purged), newest first. */
    async listOfUser(userId: string): Promise<Stored<SessionDoc>[]> {
      const all = await repo.listOfUser(userId);
      return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    },
    isLive: (session: SessionDoc) => isLive(session),
    /**
     * What the new sign-in mail says of a session and its "this wasn't me" link; undefined when the session is
     * gone or was not from a new device.
     */
    async signInNotice(userId: string, sessionId: string) {
      const session = await repo.get(userId, sessionId);
      if (!session?.reportTokenHash) return undefined;
      const token = reportTokenFor(deps.reportSecret, userId, sessionId);
      if (!safeEqual(sha256(token), session.reportTokenHash)) return undefined;
      const url = new URL(deps.reportUrlBase);
      url.searchParams.set('token', token);
      return {
        device: describeClient(session).slice(0, 120),
        ...(isIP(session.ipAddress) ? { ipAddress: session.ipAddress } : {}),
        signedInAt: session.createdAt,
        notMeUrl: url.toString(),
      };
    },
    async deleteAll(userId: string): Promise<void> {
      for (const session of await repo.listOfUser(userId)) await repo.delete(userId, session.id);
      for (const device of await repo.devices.listOfUser(userId))
        await repo.devices.delete(userId, device.id);
      deps.onInvalidate(userId);
    },
    /**
     * Deletes sessions that expired or were revoked before `beforeIso`, a page at a time (the stale-session
     * cleanup job). Stops between pages once `signal` aborts and reports what it did so far.
     */
    async purgeEnded(
      beforeIso: string,
      opts: { signal?: AbortSignal; pageSize?: number; keep?: (session: SessionDoc) => boolean } = {},
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
            if (opts.keep?.(session)) continue;
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
