import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/crypto';
import { createCaller } from '../../root';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { SESSIONS_CONTAINERS } from './containers';
import type { SessionDoc } from './repository';

const PRODUCT = 'platform';
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const CHROME_MAC_NEXT = CHROME_MAC.replace('Chrome/120.0.0.0', 'Chrome/121.0.6167.85');
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const REPORT_BASE = 'https://console.example.test/session-report';

describe('new sign-in mail', () => {
  let h: TestHarness;
  let n = 0;
  beforeAll(async () => {
    h = await createTestHarness({
      config: {
        identity: {
          passwordResetUrlBase: 'https://console.example.test/reset-password',
          emailVerifyUrlBase: 'https://console.example.test/verify-email',
          sessionReportUrlBase: REPORT_BASE,
        },
      },
    });
  });
  afterAll(async () => h.close());

  const register = async (userAgent = CHROME_MAC) => {
    n += 1;
    const email = `new-sign-in-${n}@example.com`;
    const auth = await h.services.auth.register(
      PRODUCT,
      { email, password: TEST_PASSWORD, name: 'Ada Lovelace' },
      { ip: '203.0.113.7', userAgent },
    );
    return { email, userId: auth.user.id };
  };
  const login = (email: string, userAgent: string, deviceId?: string) =>
    h.services.auth.login(
      PRODUCT,
      { email, password: TEST_PASSWORD, ...(deviceId ? { deviceId } : {}) },
      { ip: '198.51.100.23', userAgent },
    );
  const sessionIdOf = async (accessToken: string) =>
    (await createCaller(await h.contextFor({ bearer: accessToken })).auth.getMine()).sessionId ?? '';
  /** The new-sign-in mails the outbox holds for a user, oldest first, with their plain text. */
  const mailsOf = async (userId: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { userId, template: 'new-sign-in' });
    const details = await Promise.all(items.map((item) => h.services.delivery.get(PRODUCT, item.id)));
    return details.reverse();
  };
  const tokenIn = (text: string | null) => {
    const match = /session-report\?token=([A-Za-z0-9._-]+)/.exec(text ?? '');
    if (!match?.[1]) throw new Error(`no report link in: ${text}`);
    return match[1];
  };
  const stored = (userId: string, id: string) =>
    h.store.container<SessionDoc>(SESSIONS_CONTAINERS.sessions.name).read(id, userId);

  it('is not sent on registration, nor from a device the user has used, nor after a browser update', async () => {
    const { email, userId } = await register();
    await login(email, CHROME_MAC);
    await login(email, CHROME_MAC_NEXT);
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { userId });
    // The sign-up mails prove the outbox is read; no new-sign-in mail beside them.
    expect(items.map((i) => i.template).sort()).toEqual(['verify-email', 'welcome']);
  });

  it('is sent once for a new browser and OS, with the device, address, time and a "this wasn\'t me" link', async () => {
    const { email, userId } = await register();
    const signedIn = await login(email, FIREFOX_WIN);
    await login(email, FIREFOX_WIN);
    const mails = await mailsOf(userId);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ to: email, status: 'sent', category: 'security' });
    expect(mail?.text).toContain('Device: Firefox on Windows 10');
    expect(mail?.text).toContain('Location: 198.51.100.23');
    expect(mail?.text).toContain('Time: June 1, 2026 at 12:00 PM UTC');
    expect(mail?.text).toContain(`This wasn't me ${REPORT_BASE}?token=sr_${userId}.`);
    expect(mail?.text).toContain(`/forgot-password?email=${encodeURIComponent(email)}`);
    const token = tokenIn(mail?.text ?? null);
    expect(token.split('.')[1]).toBe(await sessionIdOf(signedIn.accessToken));
  });

  it('is sent for a device id never used before, even with a known browser', async () => {
    const { email, userId } = await register();
    await login(email, CHROME_MAC, 'tablet-9');
    await login(email, CHROME_MAC, 'tablet-9');
    expect(await mailsOf(userId)).toHaveLength(1);
  });

  it('the link signs out exactly that session, once, and keeps only a hash of its token', async () => {
    const { email, userId } = await register();
    const known = await login(email, CHROME_MAC);
    const intruder = await login(email, FIREFOX_WIN);
    const intruderId = await sessionIdOf(intruder.accessToken);
    const [mail] = await mailsOf(userId);
    const token = tokenIn(mail?.text ?? null);

    // Only the hash is stored: on the session, nowhere in the module's containers in clear.
    const doc = await stored(userId, intruderId);
    expect(doc?.reportTokenHash).toBe(sha256(token));
    for (const container of Object.values(SESSIONS_CONTAINERS)) {
      const { items } = await h.store.container(container.name).query({ partitionKey: userId, limit: 100 });
      expect(items.length).toBeGreaterThan(0);
      expect(JSON.stringify(items)).not.toContain(token);
    }

    const anonymous = await h.anonymous();
    expect(await anonymous.sessions.report({ token })).toEqual({ revoked: true });
    expect(await stored(userId, intruderId)).toMatchObject({ revokeReason: 'reported' });
    await expect(
      createCaller(await h.contextFor({ bearer: intruder.accessToken })).auth.getMine(),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await createCaller(await h.contextFor({ bearer: known.accessToken })).auth.getMine()).id).toBe(
      userId,
    );
    await expect(anonymous.sessions.report({ token })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { fields: [{ path: 'token' }] },
    });

    // The reported device is no longer known: signing in from it again mails again.
    await login(email, FIREFOX_WIN);
    expect(await mailsOf(userId)).toHaveLength(2);
  });

  it('refuses an altered or made-up token with the same answer', async () => {
    const { email, userId } = await register();
    await login(email, FIREFOX_WIN);
    const [mail] = await mailsOf(userId);
    const token = tokenIn(mail?.text ?? null);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const anonymous = await h.anonymous();
    for (const bad of [altered, 'sr_nobody.nothing.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'junk']) {
      await expect(anonymous.sessions.report({ token: bad })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'This link is invalid or was already used',
      });
    }
    expect(await anonymous.sessions.report({ token })).toEqual({ revoked: true });
  });

  it('still uses up the link, revoking nothing, when the session had already ended', async () => {
    const { email, userId } = await register();
    const signedIn = await login(email, FIREFOX_WIN);
    await h.services.auth.logout(userId, await sessionIdOf(signedIn.accessToken));
    const [mail] = await mailsOf(userId);
    const token = tokenIn(mail?.text ?? null);
    const anonymous = await h.anonymous();
    expect(await anonymous.sessions.report({ token })).toEqual({ revoked: false });
    await expect(anonymous.sessions.report({ token })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
