import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, eventsOf, subscribe } from '../../../testing/billing';
import { shapeOf, trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

type Signed = Awaited<ReturnType<TestHarness['signIn']>>;
const key = (label: string) => `key-${label}-${Math.random().toString(36).slice(2, 10)}`;

describe('usage metering', () => {
  let h: TestHarness;
  let admin: Signed;
  const userOn = async (plan: string) => {
    const signed = await h.signIn(['user']);
    await subscribe(h, signed.user.id, plan);
    return signed;
  };

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    await createPlan(h, 'metered', {
      quotas: {
        'api.calls': { limit: 5, period: 'day' },
        minutes: { limit: 100, period: 'month' },
        exports: { limit: null, period: 'day' },
      },
    });
    await createPlan(h, 'roomy', { quotas: { 'api.calls': { limit: 1000, period: 'day' } } });
  });
  afterAll(async () => h.close());

  it('records usage and reports the standing of the period', async () => {
    const { caller, user } = await userOn('metered');
    const result = await caller.usage.record({ metric: 'api.calls', quantity: 2, idempotencyKey: key('a') });
    expect(result).toMatchObject({
      userId: user.id,
      metric: 'api.calls',
      quantity: 2,
      used: 2,
      limit: 5,
      remaining: 3,
      period: 'day',
      day: '2026-06-01',
      periodStart: '2026-06-01T00:00:00.000Z',
      resetsAt: '2026-06-02T00:00:00.000Z',
      replayed: false,
    });
    const me = await caller.usage.getMine();
    expect(me).toMatchObject({ userId: user.id, planCode: 'metered' });
    expect(me.metrics.find((m) => m.metric === 'api.calls')).toMatchObject({ used: 2, limit: 5 });
    expect(me.metrics.find((m) => m.metric === 'minutes')).toMatchObject({
      used: 0,
      limit: 100,
      period: 'month',
      resetsAt: '2026-07-01T00:00:00.000Z',
    });
  });

  it('counts a retried record once and answers the first result', async () => {
    const { caller } = await userOn('metered');
    const idempotencyKey = key('retry');
    const first = await caller.usage.record({ metric: 'api.calls', quantity: 1, idempotencyKey });
    h.advance(1000);
    const again = await caller.usage.record({ metric: 'api.calls', quantity: 1, idempotencyKey });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await caller.usage.check({ metric: 'api.calls', quantity: 1 })).used).toBe(1);
    const misuse = await trpcErrorOf(() =>
      caller.usage.record({ metric: 'api.calls', quantity: 3, idempotencyKey }),
    );
    expect(misuse.code).toBe('CONFLICT');
    expect(misuse.message).toContain(idempotencyKey);
  });

  it('keys are per user: the same key from two users counts for each', async () => {
    const a = await userOn('metered');
    const b = await userOn('metered');
    const idempotencyKey = key('shared');
    await a.caller.usage.record({ metric: 'api.calls', idempotencyKey });
    const second = await b.caller.usage.record({ metric: 'api.calls', idempotencyKey });
    expect(second).toMatchObject({ replayed: false, used: 1 });
  });

  it('never loses a count under parallel records, and a parallel retry still counts once', async () => {
    const { caller } = await userOn('roomy');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        caller.usage.record({ metric: 'api.calls', idempotencyKey: key(`p${i}`) }),
      ),
    );
    expect(results.map((r) => r.used).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const same = key('same');
    const retries = await Promise.all(
      Array.from({ length: 10 }, () =>
        caller.usage.record({ metric: 'api.calls', quantity: 2, idempotencyKey: same }),
      ),
    );
    expect(new Set(retries.map((r) => r.used))).toEqual(new Set([32]));
    expect(retries.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await caller.usage.check({ metric: 'api.calls' })).used).toBe(32);
  });

  it('refuses over quota with 429 naming metric, limit and reset time, and warns once per period', async () => {
    const { caller, user } = await userOn('metered');
    await caller.usage.record({ metric: 'api.calls', quantity: 4, idempotencyKey: key('q1') });
    const error = await trpcErrorOf(() =>
      caller.usage.record({ metric: 'api.calls', quantity: 2, idempotencyKey: key('q2') }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toBe(
      "Quota exceeded for metric 'api.calls': limit 5 per day, 4 used, 2 requested. Resets at 2026-06-02T00:00:00.000Z.",
    );
    const shape = shapeOf(error, 'usage.record');
    expect(shape.data).toMatchObject({ httpStatus: 429, appCode: 'TOO_MANY_REQUESTS' });
    expect(shape.data.fields).toEqual(
      expect.arrayContaining([
        { path: 'quota.metric', message: 'api.calls' },
        { path: 'quota.limit', message: '5' },
        { path: 'quota.resetsAt', message: '2026-06-02T00:00:00.000Z' },
      ]),
    );
    // What still fits is accepted; then even one more is refused.
    await caller.usage.record({ metric: 'api.calls', quantity: 1, idempotencyKey: key('q3') });
    await expect(
      caller.usage.record({ metric: 'api.calls', idempotencyKey: key('q4') }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    const warned = (await eventsOf(h, 'usage.quota_exceeded')).filter((e) => e.data.userId === user.id);
    expect(warned).toHaveLength(1);
    expect(warned[0]?.data).toEqual({
      userId: user.id,
      metric: 'api.calls',
      limit: 5,
      period: 'day',
      resetsAt: '2026-06-02T00:00:00.000Z',
    });
    expect(await caller.usage.check({ metric: 'api.calls' })).toMatchObject({
      used: 5,
      allowed: false,
      remaining: 0,
    });
  });

  it('admits exactly the limit when parallel records race for the last units', async () => {
    const { caller } = await userOn('metered');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        caller.usage.record({ metric: 'api.calls', idempotencyKey: key(`r${i}`) }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(7);
    for (const o of refused) expect(o.reason).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('sums a monthly quota over the days of the month and resets on the first', async () => {
    const signed = await userOn('metered');
    const { caller } = signed;
    await caller.usage.record({ metric: 'minutes', quantity: 60, idempotencyKey: key('m1') });
    h.advance(24 * 3600_000);
    const day2 = await caller.usage.record({ metric: 'minutes', quantity: 30, idempotencyKey: key('m2') });
    expect(day2).toMatchObject({
      used: 90,
      remaining: 10,
      day: '2026-06-02',
      resetsAt: '2026-07-01T00:00:00.000Z',
    });
    const over = await trpcErrorOf(() =>
      caller.usage.record({ metric: 'minutes', quantity: 11, idempotencyKey: key('m3') }),
    );
    expect(over.message).toContain("metric 'minutes': limit 100 per month, 90 used");
    expect(over.message).toContain('Resets at 2026-07-01T00:00:00.000Z');
    // The daily quota started over with the new day.
    const calls = await caller.usage.record({ metric: 'api.calls', quantity: 5, idempotencyKey: key('m4') });
    expect(calls).toMatchObject({ used: 5, day: '2026-06-02' });
  });

  it('meters metrics without a quota (or with a null limit) and never refuses them', async () => {
    const { caller } = await userOn('metered');
    const free = await caller.usage.record({ metric: 'exports', quantity: 500, idempotencyKey: key('u1') });
    expect(free).toMatchObject({ limit: null, remaining: null, period: 'day', used: 500 });
    const other = await caller.usage.record({ metric: 'uploads', quantity: 7, idempotencyKey: key('u2') });
    expect(other).toMatchObject({ limit: null, period: 'month', used: 7 });
    const me = await caller.usage.getMine();
    expect(me.metrics.map((m) => m.metric)).toEqual(['api.calls', 'exports', 'minutes', 'uploads']);
  });

  it('check answers whether N more would fit, without counting', async () => {
    const { caller } = await userOn('metered');
    await caller.usage.record({ metric: 'api.calls', quantity: 3, idempotencyKey: key('c1') });
    expect(await caller.usage.check({ metric: 'api.calls', quantity: 2 })).toMatchObject({
      allowed: true,
      used: 3,
      quantity: 2,
      limit: 5,
    });
    expect(await caller.usage.check({ metric: 'api.calls', quantity: 3 })).toMatchObject({
      allowed: false,
      used: 3,
    });
  });

  it('lets an admin record and read for a user, and refuses that to a plain user', async () => {
    const target = await userOn('metered');
    const other = await userOn('metered');
    const denied = await trpcErrorOf(() =>
      other.caller.usage.record({ metric: 'api.calls', userId: target.user.id, idempotencyKey: key('x') }),
    );
    expect(denied.code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => other.caller.usage.get({ userId: target.user.id }))).code).toBe(
      'FORBIDDEN',
    );
    const byAdmin = await admin.caller.usage.record({
      metric: 'api.calls',
      quantity: 2,
      userId: target.user.id,
      idempotencyKey: key('adm'),
    });
    expect(byAdmin).toMatchObject({ userId: target.user.id, used: 2 });
    const summary = await admin.caller.usage.get({ userId: target.user.id });
    expect(summary.metrics.find((m) => m.metric === 'api.calls')).toMatchObject({ used: 2, limit: 5 });
    expect(summary.history).toEqual([]);
  });

  it('rejects bad input with a 400 naming the field', async () => {
    const { caller } = await userOn('metered');
    for (const input of [
      { metric: 'Bad Metric', idempotencyKey: key('b') },
      { metric: 'api.calls', quantity: 0, idempotencyKey: key('b') },
      { metric: 'api.calls', idempotencyKey: 'short' },
      { metric: 'api.calls', idempotencyKey: 'has spaces in it' },
    ]) {
      const error = await trpcErrorOf(() => caller.usage.record(input));
      expect(error.code).toBe('BAD_REQUEST');
    }
  });

  it('sums product usage per day and metric, with distinct users', async () => {
    const one = await userOn('roomy');
    const two = await userOn('roomy');
    await one.caller.usage.record({ metric: 'api.calls', quantity: 3, idempotencyKey: key('pr1') });
    await two.caller.usage.record({ metric: 'api.calls', quantity: 4, idempotencyKey: key('pr2') });
    const today = new Date(h.clock()).toISOString().slice(0, 10);
    const report = await admin.caller.usage.stats({ from: today, to: today, metric: 'api.calls' });
    const row = report.days.find((d) => d.day === today && d.metric === 'api.calls');
    expect(row?.total).toBeGreaterThanOrEqual(7);
    expect(row?.users).toBeGreaterThanOrEqual(2);
    expect(report.totals).toHaveLength(1);
    const all = await admin.caller.usage.stats();
    expect(all.to).toBe(today);
    expect(all.days.length).toBeGreaterThan(1);
    expect((await trpcErrorOf(() => admin.caller.usage.stats({ from: today, to: '2026-01-01' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await trpcErrorOf(() => admin.caller.usage.stats({ from: '2024-01-01', to: today }))).message,
    ).toContain('366 days');
    expect((await trpcErrorOf(() => one.caller.usage.stats())).code).toBe('FORBIDDEN');
  });
});
