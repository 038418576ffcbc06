import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { SESSIONS_CONTAINERS } from './containers';
import type { SessionDoc } from './repository';
import { createStaleSessionCleanupJob } from './stale-session-cleanup';

const DAY = 24 * 60 * 60_000;
const ROOT = { id: 'root', email: 'root@example.com' };

describe('stale-session-cleanup job', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const sid = (signed: Awaited<ReturnType<TestHarness['signIn']>>) => signed.ctx.principal?.sessionId ?? '';
  const sessionIds = async () => {
    const page = await h.store
      .container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name)
      .query({ limit: 1000 });
    return page.items.map((s) => s.id).sort();
  };

  it('is registered every 6 hours in UTC', () => {
    expect(h.services.jobRegistry.get('stale-session-cleanup')).toMatchObject({
      cron: '0 */6 * * *',
      timezone: 'UTC',
    });
  });

  it('deletes sessions expired or revoked more than 7 days ago and keeps the rest', async () => {
    const live = await h.signIn(['user']);
    const revokedLongAgo = await h.signIn(['user']);
    const past = new Date(h.clock() - 10 * DAY).toISOString();
    // Written as an engine whose TTL lags would keep it: expired 10 days ago, still stored.
    await h.store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name).create(
      {
        id: 'expired-long-ago',
        productId: 'platform',
        userId: 'someone',
        platform: 'web',
        ipAddress: '127.0.0.1',
        userAgent: 'vitest',
        lastActiveAt: past,
        createdAt: past,
        expiresAt: past,
        refreshTokenHash: 'x',
        previousRefreshTokenHashes: [],
      },
      { ttl: -1 },
    );
    await h.services.sessions.revoke(revokedLongAgo.user.id, sid(revokedLongAgo), 'logout');
    h.advance(8 * DAY);
    const revokedRecently = await h.signIn(['user']);
    await h.services.sessions.revoke(revokedRecently.user.id, sid(revokedRecently), 'logout');
    const before = await sessionIds();

    const run = await h.services.jobRunner.trigger('stale-session-cleanup', ROOT);
    await h.services.jobRunner.whenIdle();
    const done = await h.services.jobs.getRun('platform', run.id);
    expect(done).toMatchObject({ status: 'succeeded', metrics: { scanned: 2, deleted: 2 } });
    const after = await sessionIds();
    expect(before.filter((id) => !after.includes(id)).sort()).toEqual(
      ['expired-long-ago', sid(revokedLongAgo)].sort(),
    );
    expect(after).toContain(sid(live));
    expect(after).toContain(sid(revokedRecently));
  });

  it('stops between pages once its signal aborts', async () => {
    const target = await h.signIn(['user']);
    await h.services.sessions.revoke(target.user.id, sid(target), 'logout');
    h.advance(8 * DAY);
    const job = createStaleSessionCleanupJob({
      sessions: h.services.sessions,
      legalHolds: h.services.legalHolds,
      pageSize: 1,
    });
    const controller = new AbortController();
    controller.abort();
    const metrics = await job.run({
      signal: controller.signal,
      log: () => {},
      runId: 'test',
      slotAt: null,
      attempt: 1,
      trigger: 'manual',
      now: h.clock,
    });
    expect(metrics).toEqual({ scanned: 0, deleted: 0 });
    expect(await sessionIds()).toContain(sid(target));
  });
});
