import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient, isPlatformError, PlatformError } from './index';
import { startDropProxy } from './testing/drop-proxy';
import { PASSWORD, type RunningPlatform, recordingFetch, startPlatform } from './testing/platform';

/**
 * Retries and errors against the real API on loopback: a query (or REST GET) whose connection drops is sent
 * again, a mutation never is; the API's failures arrive as PlatformErrors with their fields, reason and
 * Retry-After, on both faces.
 */

describe('client transport', () => {
  let p: RunningPlatform;
  let proxy: Awaited<ReturnType<typeof startDropProxy>>;

  beforeAll(async () => {
    p = await startPlatform();
    proxy = await startDropProxy(Number(new URL(p.baseUrl).port));
  });
  afterAll(async () => {
    await proxy.close();
    await p.close();
  });

  const clientFor = (baseUrl = p.baseUrl) => {
    const wire = recordingFetch();
    const client = createPlatformClient({
      baseUrl,
      productId: p.productId,
      fetch: wire.fetch,
      retry: { retries: 3, baseDelayMs: 20, maxDelayMs: 100 },
    });
    return { client, wire };
  };
  const caught = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => {
        if (!isPlatformError(error)) throw error;
        return error;
      },
    );

  it('sends a query again after its connection drops, and never a mutation', async () => {
    const email = 'flaky@example.com';
    await p.register(email);
    const { client, wire } = clientFor(proxy.url);
    await client.signIn({ email, password: PASSWORD });

    proxy.dropNext(1);
    expect((await client.trpc.auth.getMine.query()).email).toBe(email);
    expect(proxy.dropped()).toBe(1);
    expect(wire.to('/trpc/auth.getMine').map((c) => c.status)).toEqual([0, 200]);

    proxy.dropNext(2);
    expect((await client.rest.get<{ email: string }>('/auth/me')).email).toBe(email);
    expect(proxy.dropped()).toBe(3);
    expect(wire.to('/v1/auth/me').map((c) => c.status)).toEqual([0, 0, 200]);

    const feedback = { type: 'general', platform: 'web', message: 'The save button does nothing' } as const;
    proxy.dropNext(1);
    const lost = await caught(client.trpc.feedback.create.mutate(feedback));
    expect(lost).toMatchObject({ kind: 'network', code: 'NETWORK', httpStatus: 0 });
    expect(wire.to('/trpc/feedback.create').map((c) => c.status)).toEqual([0]);
    proxy.dropNext(1);
    await expect(client.rest.post('/feedback', feedback)).rejects.toMatchObject({ kind: 'network' });
    expect(wire.to('/v1/feedback').map((c) => c.status)).toEqual([0]);
    expect(proxy.dropped()).toBe(5);

    // The same mutation goes through once the network does: only the drops stopped it, and it ran once.
    await client.trpc.feedback.create.mutate(feedback);
    const admin = await p.adminToken();
    const listed = await p.call('GET', '/feedback?type=general', { token: admin });
    const mine = (listed.body as { items: { message?: string }[] }).items.filter(
      (item) => item.message === feedback.message,
    );
    expect(mine).toHaveLength(1);
  });

  it('gives up on a query after the bounded retries', async () => {
    const { client, wire } = clientFor(proxy.url);
    proxy.dropNext(4);
    const failure = await caught(client.trpc.status.get.query());
    expect(failure.kind).toBe('network');
    expect(wire.calls.map((c) => c.status)).toEqual([0, 0, 0, 0]);
    proxy.dropNext(0);
  });

  it('turns a 400 into a validation error naming the fields, on both faces', async () => {
    const { client } = clientFor();
    const bad = { email: 'not-an-email', password: PASSWORD, name: 'Bad Input' };
    const viaTrpc = await caught(client.trpc.auth.register.mutate(bad));
    expect(viaTrpc).toBeInstanceOf(PlatformError);
    expect(viaTrpc).toMatchObject({ kind: 'validation', httpStatus: 400 });
    expect(viaTrpc.fields.map((f) => f.path)).toEqual(['email']);
    expect(viaTrpc.fieldMessage('email')).toBeTruthy();

    const viaRest = await caught(client.rest.post('/auth/register', bad));
    expect(viaRest).toMatchObject({ kind: 'validation', httpStatus: 400, code: 'VALIDATION' });
    expect(viaRest.fields.map((f) => f.path)).toEqual(['email']);
  });

  it('turns a 403 into a forbidden error: an admin procedure, and an unverified sign-in', async () => {
    const email = 'plain@example.com';
    await p.register(email);
    const { client } = clientFor();
    await client.signIn({ email, password: PASSWORD });
    const viaTrpc = await caught(client.trpc.users.list.query({}));
    expect(viaTrpc).toMatchObject({ kind: 'forbidden', httpStatus: 403, code: 'FORBIDDEN' });
    const viaRest = await caught(client.rest.get('/users'));
    expect(viaRest).toMatchObject({ kind: 'forbidden', httpStatus: 403, code: 'FORBIDDEN' });

    const admin = await p.adminToken();
    const product = 'strict-client';
    expect(
      (
        await p.call('POST', '/products', {
          token: admin,
          body: { id: product, name: 'Strict', status: 'active' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await p.call('PATCH', `/products/${product}`, { token: admin, body: { requireVerifiedEmail: true } }))
        .status,
    ).toBe(200);
    const strict = createPlatformClient({ baseUrl: p.baseUrl, productId: product });
    const signUp = await caught(
      strict.trpc.auth.register.mutate({ email: 'strict@example.com', password: PASSWORD, name: 'Strict' }),
    );
    expect(signUp).toMatchObject({ kind: 'forbidden', reason: 'email_not_verified' });
    const signIn = await caught(strict.signIn({ email: 'strict@example.com', password: PASSWORD }));
    expect(signIn).toMatchObject({ kind: 'forbidden', httpStatus: 403, reason: 'email_not_verified' });
    expect(strict.getState().status).not.toBe('signed_in');
  });

  it('turns a 429 into a rate-limited error with the seconds to wait, on both faces', async () => {
    const email = 'locked@example.com';
    await p.register(email);
    const { client } = clientFor();
    const failures: PlatformError[] = [];
    for (let i = 0; i < 6; i += 1) {
      failures.push(await caught(client.signIn({ email, password: 'wrong-password' })));
    }
    expect(failures.slice(0, 5).map((f) => f.kind)).toEqual(Array(5).fill('unauthorized'));
    const viaRest = failures[5];
    expect(viaRest).toMatchObject({ kind: 'rate_limited', httpStatus: 429, reason: 'login_locked' });
    expect(viaRest?.retryAfterSeconds).toBeGreaterThan(0);

    const viaTrpc = await caught(client.trpc.auth.login.mutate({ email, password: PASSWORD }));
    expect(viaTrpc).toMatchObject({ kind: 'rate_limited', httpStatus: 429, reason: 'login_locked' });
    expect(viaTrpc.retryAfterSeconds).toBeGreaterThan(0);
  });
});
