import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { DEFAULT_LOGIN_THROTTLE, lockoutMs } from './login-throttle';

const PASSWORD = 'a-long-enough-password';
const MINUTE = 60_000;

describe('sign-in lockout per account', () => {
  let h: TestHarness;
  let anon: Awaited<ReturnType<TestHarness['anonymous']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    anon = await h.anonymous();
    await anon.auth.register({ email: 'lock@example.com', password: PASSWORD, name: 'Lock' });
  });
  afterAll(async () => h.close());

  /** The answer to a sign-in: 'ok', or the error's code with its Retry-After. */
  const attempt = async (email: string, password: string) => {
    try {
      await anon.auth.login({ email, password });
      return { code: 'ok', retryAfter: undefined };
    } catch (error) {
      const shape = shapeOf(error as never, 'auth.login') as {
        data: { code: string; retryAfter?: number; reason?: string };
      };
      return { code: shape.data.code, retryAfter: shape.data.retryAfter, reason: shape.data.reason };
    }
  };
  const failTimes = async (email: string, times: number) => {
    const codes = [];
    for (let i = 0; i < times; i += 1) codes.push((await attempt(email, 'wrong-password-000')).code);
    return codes;
  };

  it('locks after 5 failures in 15 minutes, with a Retry-After that doubles on each lockout in a row', async () => {
    expect(await failTimes('lock@example.com', 5)).toEqual(Array(5).fill('UNAUTHORIZED'));
    // Locked: even the right password is refused at once, with when to come back.
    const locked = await attempt('lock@example.com', PASSWORD);
    expect(locked).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfter: 60, reason: 'login_locked' });
    h.advance(30_000);
    expect((await attempt('lock@example.com', PASSWORD)).retryAfter).toBe(30);

    h.advance(30_000);
    expect(await failTimes('lock@example.com', 5)).toEqual(Array(5).fill('UNAUTHORIZED'));
    expect((await attempt('lock@example.com', PASSWORD)).retryAfter).toBe(120);
    h.advance(2 * MINUTE);
    await failTimes('lock@example.com', 5);
    expect((await attempt('lock@example.com', PASSWORD)).retryAfter).toBe(240);
    expect(lockoutMs(DEFAULT_LOGIN_THROTTLE, 10)).toBe(60 * MINUTE);

    // A successful sign-in forgets the lockouts: the next lockout is a minute again.
    h.advance(4 * MINUTE);
    expect((await attempt('lock@example.com', PASSWORD)).code).toBe('ok');
    await failTimes('lock@example.com', 5);
    expect((await attempt('lock@example.com', PASSWORD)).retryAfter).toBe(60);
    h.advance(MINUTE);
  });

  it('counts failures in a sliding 15 minutes: older ones drop out', async () => {
    await failTimes('lock@example.com', 4);
    h.advance(15 * MINUTE);
    expect(await failTimes('lock@example.com', 4)).toEqual(Array(4).fill('UNAUTHORIZED'));
    expect((await attempt('lock@example.com', PASSWORD)).code).toBe('ok');
  });

  it('locks an unknown address exactly like an account, so the answers tell nothing', async () => {
    expect(await failTimes('nobody-here@example.com', 5)).toEqual(Array(5).fill('UNAUTHORIZED'));
    expect(await attempt('nobody-here@example.com', PASSWORD)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      retryAfter: 60,
      reason: 'login_locked',
    });
  });

  it('locks per product and per address: another account is not affected', async () => {
    await anon.auth.register({ email: 'other@example.com', password: PASSWORD, name: 'Other' });
    await failTimes('victim@example.com', 5);
    expect((await attempt('other@example.com', PASSWORD)).code).toBe('ok');
    const refused = await trpcErrorOf(() =>
      anon.auth.login({ email: 'VICTIM@example.com ', password: PASSWORD }),
    );
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
  });
});
