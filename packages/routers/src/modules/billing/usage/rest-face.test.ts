import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, subscribe } from '../../../testing/billing';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { restCaller } from '../../../testing/rest';

type ErrorBody = { message: string; code: string; issues?: unknown; error?: unknown };

describe('usage over REST', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
    await createPlan(h, 'rest-plan', { quotas: { 'api.calls': { limit: 1, period: 'day' } } });
  });
  afterAll(async () => h.close());

  it('records, checks, summarises, and answers 429 over quota', async () => {
    const rest = restCaller(h);
    const { user, auth } = await h.signIn(['user']);
    await subscribe(h, user.id, 'rest-plan');
    const bearer = auth.accessToken;
    const body = { metric: 'api.calls', idempotencyKey: 'rest-key-0001' };
    const first = await rest('POST', '/usage', { bearer, body });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ used: 1, limit: 1, replayed: false });
    expect(await (await rest('POST', '/usage', { bearer, body })).json()).toMatchObject({ replayed: true });
    const over = await rest('POST', '/usage', { bearer, body: { ...body, idempotencyKey: 'rest-key-0002' } });
    expect(over.status).toBe(429);
    expect(JSON.stringify((await over.json()) as ErrorBody)).toContain(
      "Quota exceeded for metric 'api.calls': limit 1 per day",
    );
    const check = await rest('GET', '/usage/check?metric=api.calls&quantity=1', { bearer });
    expect(await check.json()).toMatchObject({ allowed: false, used: 1 });
    const me = await rest('GET', '/usage/me', { bearer });
    expect(((await me.json()) as { metrics: unknown[] }).metrics).toHaveLength(1);
    expect((await rest('GET', '/usage/me')).status).toBe(401);
    expect((await rest('GET', `/usage/users/${user.id}`, { bearer })).status).toBe(403);
  });
});
