import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Sessions over the REST face on a real socket: a user's own list and revocations, the admin routes and who may
 * call them, and the new sign-in mail read from the outbox with its "this wasn't me" link.
 */

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const PASSWORD = 'correct-horse-battery';

type SessionView = {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  status: string;
};
type Sent = { status: number; body: unknown };

describe('sessions over REST', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';

  const call = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; userAgent?: string } = {},
  ): Promise<Sent> => {
    const headers: Record<string, string> = { 'user-agent': opts.userAgent ?? CHROME_MAC };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}/v1${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const signIn = async (email: string, userAgent: string, password = PASSWORD) => {
    const res = await call('POST', '/auth/login', { body: { email, password }, userAgent });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string; user: { id: string } };
  };
  const register = async (email: string) => {
    const res = await call('POST', '/auth/register', {
      body: { email, password: PASSWORD, name: 'Rest Sessions' },
      userAgent: CHROME_MAC,
    });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; user: { id: string } };
  };
  const sessionsOf = async (token: string) => {
    const res = await call('GET', '/sessions', { token });
    expect(res.status).toBe(200);
    return (res.body as { items: SessionView[] }).items;
  };
  const currentId = async (token: string) => (await sessionsOf(token)).find((s) => s.current)?.id ?? '';

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = (await signIn(t.admin.email, CHROME_MAC, t.admin.password)).accessToken;
  });
  afterAll(async () => t.close());

  it('lists my sessions, revokes one of mine, 404s someone else’s, and signs out everywhere (else)', async () => {
    const registered = await register('rest-own@example.com');
    const firefox = await signIn('rest-own@example.com', FIREFOX_WIN);
    const mine = await sessionsOf(firefox.accessToken);
    expect(mine.map((s) => [s.current, s.browser, s.os])).toEqual([
      [true, 'Firefox', 'Windows'],
      [false, 'Chrome', 'macOS'],
    ]);
    const registeredId = mine[1]?.id ?? '';

    const stranger = await register('rest-stranger@example.com');
    expect((await call('DELETE', `/sessions/${registeredId}`, { token: stranger.accessToken })).status).toBe(
      404,
    );
    expect(await sessionsOf(registered.accessToken)).toHaveLength(2);

    const revoked = await call('DELETE', `/sessions/${registeredId}`, { token: firefox.accessToken });
    expect(revoked).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await call('GET', '/sessions', { token: registered.accessToken })).status).toBe(401);

    const third = await signIn('rest-own@example.com', CHROME_MAC);
    const kept = await call('DELETE', '/sessions?keepCurrent=true', { token: firefox.accessToken });
    expect(kept).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await call('GET', '/sessions', { token: third.accessToken })).status).toBe(401);
    expect((await sessionsOf(firefox.accessToken)).map((s) => s.current)).toEqual([true]);
    // `keepCurrent=false` is false (not the string's truthiness): this session ends too.
    const all = await call('DELETE', '/sessions?keepCurrent=false', { token: firefox.accessToken });
    expect(all).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await call('GET', '/sessions', { token: firefox.accessToken })).status).toBe(401);
    const refresh = await call('POST', '/auth/refresh', { body: { refreshToken: firefox.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('keeps the admin routes to admins: anonymous 401, a plain user 403', async () => {
    const user = await register('rest-plain@example.com');
    const sessionId = await currentId(user.accessToken);
    const routes: [string, string][] = [
      ['GET', `/sessions/user/${user.user.id}`],
      ['DELETE', `/sessions/user/${user.user.id}`],
      ['DELETE', `/sessions/user/${user.user.id}/${sessionId}`],
    ];
    for (const [method, path] of routes) {
      expect((await call(method, path)).status, `${method} ${path} anonymous`).toBe(401);
      expect((await call(method, path, { token: user.accessToken })).status, `${method} ${path}`).toBe(403);
    }
    expect((await call('GET', '/sessions')).status).toBe(401);
    expect(await sessionsOf(user.accessToken)).toHaveLength(1);
  });

  it('lets an admin see a user’s sessions and force-revoke one, then all', async () => {
    const user = await register('rest-forced@example.com');
    const second = await signIn('rest-forced@example.com', FIREFOX_WIN);
    const userId = user.user.id;
    const listed = await call('GET', `/sessions/user/${userId}`, { token: adminToken });
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: SessionView[] }).items;
    expect(items.map((s) => s.status)).toEqual(['active', 'active']);

    const secondId = await currentId(second.accessToken);
    const one = await call('DELETE', `/sessions/user/${userId}/${secondId}`, { token: adminToken });
    expect(one).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await call('GET', '/sessions', { token: second.accessToken })).status).toBe(401);
    expect((await call('GET', '/sessions', { token: user.accessToken })).status).toBe(200);

    const all = await call('DELETE', `/sessions/user/${userId}`, { token: adminToken });
    expect(all).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await call('GET', '/sessions', { token: user.accessToken })).status).toBe(401);
  });

  it('mails a sign-in from a new device; the link’s token ends exactly that session, by POST only', async () => {
    const registered = await register('rest-mail@example.com');
    const intruder = await signIn('rest-mail@example.com', FIREFOX_WIN);
    await t.services.bus.drain();
    const log = await call('GET', `/delivery/log?userId=${registered.user.id}&template=new-sign-in`, {
      token: adminToken,
    });
    const [entry, ...more] = (log.body as { items: { id: string; status: string }[] }).items;
    expect(more).toEqual([]);
    expect(entry?.status).toBe('sent');
    const detail = await call('GET', `/delivery/log/${entry?.id}`, { token: adminToken });
    const text = (detail.body as { text: string }).text;
    expect(text).toContain('Device: Firefox on Windows 10');
    const link = /(http\S+\/session-report\?token=)([A-Za-z0-9._-]+)/.exec(text);
    expect(link?.[1]).toBe(`${t.env.SESSION_REPORT_URL_BASE}?token=`);
    const token = link?.[2] ?? '';

    // A mail scanner fetching links does GETs: there is no GET that acts on the token.
    expect((await call('GET', `/sessions/report?token=${token}`)).status).toBe(404);
    expect(await sessionsOf(intruder.accessToken)).toHaveLength(2);

    expect(await call('POST', '/sessions/report', { body: { token } })).toEqual({
      status: 200,
      body: { revoked: true },
    });
    expect((await call('GET', '/sessions', { token: intruder.accessToken })).status).toBe(401);
    expect((await sessionsOf(registered.accessToken)).map((s) => s.browser)).toEqual(['Chrome']);
    const again = await call('POST', '/sessions/report', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      error: {
        code: 'BAD_REQUEST',
        message: 'This link is invalid or was already used',
        fields: [{ path: 'token' }],
      },
    });
  });
});
