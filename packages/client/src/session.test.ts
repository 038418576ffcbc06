import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient, type SignedOutEvent } from './index';
import { memoryStorage } from './storage';
import { PASSWORD, type RunningPlatform, recordingFetch, startPlatform } from './testing/platform';

/**
 * Sessions against the real API on loopback: concurrent calls whose access token expired together share one
 * refresh, and a session the platform ended (an admin's revocation, "sign out everywhere" from another
 * device) signs the client out.
 */

const MINUTE = 60_000;

describe('client sessions', () => {
  let p: RunningPlatform;

  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => p.close());

  const clientFor = (opts: { now?: () => number } = {}) => {
    const wire = recordingFetch();
    const storage = memoryStorage();
    const signedOut: SignedOutEvent[] = [];
    const client = createPlatformClient({
      baseUrl: p.baseUrl,
      productId: p.productId,
      storage,
      fetch: wire.fetch,
      onSignedOut: (event) => signedOut.push(event),
      ...opts,
    });
    return { client, wire, storage, signedOut };
  };

  it('refreshes once for two calls rejected together with an expired token, and both succeed', async () => {
    const email = 'race-401@example.com';
    await p.register(email);
    const { client, wire, storage } = clientFor();
    await client.signIn({ email, password: PASSWORD });
    const before = await storage.get();

    // The server's clock passes the access token's 15 minutes; the client's does not, so it finds out by 401.
    p.t.clock.advance(16 * MINUTE);
    const [me, sessions] = await Promise.all([
      client.trpc.auth.getMine.query(),
      client.rest.get<{ items: { current: boolean }[] }>('/sessions'),
    ]);

    expect(me.email).toBe(email);
    expect(sessions.items.filter((s) => s.current)).toHaveLength(1);
    expect(wire.to('/auth/refresh').map((c) => c.status)).toEqual([200]);
    // Each call was answered 401 once, then resent with the new token.
    expect(wire.to('/trpc/auth.getMine').map((c) => c.status)).toEqual([401, 200]);
    expect(wire.to('/v1/sessions').map((c) => c.status)).toEqual([401, 200]);
    const after = await storage.get();
    expect(after?.refreshToken).toBeTruthy();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(client.getState().status).toBe('signed_in');
  });

  it('refreshes once ahead of expiry for calls that start together near it, before sending', async () => {
    const email = 'race-ahead@example.com';
    await p.register(email);
    let now = Date.now();
    const { client, wire } = clientFor({ now: () => now });
    await client.signIn({ email, password: PASSWORD });
    now += 14.75 * MINUTE; // 15 s left: inside the 30 s leeway

    const results = await Promise.all([
      client.trpc.auth.getMine.query(),
      client.trpc.sessions.listMine.query(),
      client.rest.get<{ email: string }>('/auth/me'),
    ]);

    expect(results[0].email).toBe(email);
    expect(results[2].email).toBe(email);
    expect(wire.to('/auth/refresh')).toHaveLength(1);
    expect(wire.calls.filter((c) => c.status === 401)).toEqual([]);
  });

  it('signs out, clears storage and tells the app when an admin revokes the session', async () => {
    const email = 'revoked@example.com';
    const { user } = await p.register(email);
    const { client, storage, signedOut, wire } = clientFor();
    await client.signIn({ email, password: PASSWORD });
    expect((await client.restore()).status).toBe('signed_in');

    const admin = await p.adminToken();
    const revoked = await p.call('DELETE', `/sessions/user/${user.id}`, { token: admin });
    expect(revoked.status).toBe(200);

    const failure = await client.trpc.auth.getMine.query().catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'unauthorized', httpStatus: 401 });
    expect(wire.to('/auth/refresh').map((c) => c.status)).toEqual([401]);
    expect(await storage.get()).toBeNull();
    expect(client.getState()).toMatchObject({ status: 'signed_out', user: null });
    expect(signedOut).toHaveLength(1);
    expect(signedOut[0]).toMatchObject({ reason: 'session_ended', error: { kind: 'unauthorized' } });

    // Signed out for good: the next call goes without a bearer and does not try to refresh again.
    await expect(client.trpc.auth.getMine.query()).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(wire.to('/auth/refresh')).toHaveLength(1);
    expect(signedOut).toHaveLength(1);
  });

  it('signs out when the user signs out everywhere from another device', async () => {
    const email = 'everywhere@example.com';
    const other = await p.register(email);
    const { client, signedOut } = clientFor();
    await client.signIn({ email, password: PASSWORD });

    const all = await p.call('DELETE', '/sessions?keepCurrent=false', { token: other.accessToken });
    expect(all).toEqual({ status: 200, body: { revoked: 2 } });

    await expect(client.rest.get('/sessions')).rejects.toMatchObject({
      kind: 'unauthorized',
      httpStatus: 401,
    });
    expect(client.getState().status).toBe('signed_out');
    expect(signedOut.map((e) => e.reason)).toEqual(['session_ended']);
  });

  it('signs out through auth.logout: the old refresh token is dead on the platform', async () => {
    const email = 'logout@example.com';
    await p.register(email);
    const { client, storage, signedOut } = clientFor();
    await client.signIn({ email, password: PASSWORD });
    const held = await storage.get();

    await client.signOut();

    expect(client.getState().status).toBe('signed_out');
    expect(await storage.get()).toBeNull();
    expect(signedOut.map((e) => e.reason)).toEqual(['signed_out']);
    const refresh = await p.call('POST', '/auth/refresh', { body: { refreshToken: held?.refreshToken } });
    expect(refresh.status).toBe(401);
  });
});
