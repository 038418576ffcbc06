import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';

/** The analytics procedures' refusals and their REST face, on the default product (no history needed). */

let h: TestHarness;
let admin: Awaited<ReturnType<TestHarness['root']>>;

beforeAll(async () => {
  h = await createTestHarness();
  admin = await h.root();
});
afterAll(async () => h.close());

const step = (event: string, nth = 1) => ({ name: event, event, nth, filters: [] });

describe('bad input is a 400 naming the field', () => {
  it('for ranges', async () => {
    const c = admin.caller.analytics;
    await expectFieldError(() => c.getActiveUsers({ from: '2026-05-10', to: '2026-05-01' }), 'to');
    await expectFieldError(() => c.getActiveUsers({ from: '2026-13-01', to: '2026-05-01' }), 'from');
    await expectFieldError(() => c.getRetention({ from: '2024-01-01', to: '2026-05-01' }), 'to');
    await expectFieldError(
      () => c.getRevenue({ from: '2026-05-01', to: '2026-05-02', breakdown: 'platform' }),
      'breakdown',
    );
    await expectFieldError(
      () => c.getCsv({ view: 'retention', from: '2026-05-01', to: '2026-05-02', granularity: 'month' }),
      'granularity',
    );
    await expectFieldError(() => c.triggerRecompute({ from: '2026-05-01', to: '2026-06-05' }), 'to');
  });

  it('for definitions', async () => {
    const c = admin.caller.analytics;
    const funnel = { id: 'trial', name: 'Trial', order: 'ordered' as const, windowDays: 14 };
    await expectFieldError(
      () => c.setFunnel({ ...funnel, steps: [step('a.b', 2), step('c.d')] }),
      'steps.0.nth',
    );
    await expectFieldError(() => c.setFunnel({ ...funnel, steps: [step('a.b')] }), 'steps');
    await expectFieldError(
      () => c.setFunnel({ ...funnel, steps: [step('bad name!'), step('c.d')] }),
      'steps.0.event',
    );
    await expectFieldError(
      () =>
        c.setFunnel({
          ...funnel,
          steps: [step('a.b'), { ...step('c.d'), filters: [{ property: 'x', operator: 'eq' }] }],
        }),
      'steps.1.filters.0.value',
    );
    await expectFieldError(
      () => c.setFunnel({ ...funnel, windowDays: 0, steps: [step('a'), step('b')] }),
      'windowDays',
    );
    await expectFieldError(
      () =>
        c.setFeatures({
          features: [
            { id: 'x', name: 'X', events: ['a'] },
            { id: 'x', name: 'Y', events: ['b'] },
          ],
        }),
      'features',
    );
    await expectFieldError(
      () => c.setActivity({ telemetry: 'none', usage: 'none', lateDays: 3 }),
      'telemetry',
    );
    await expectFieldError(() => c.setActivity({ telemetry: 'any', usage: 'any', lateDays: 15 }), 'lateDays');
  });
});

describe('refusals', () => {
  it('an unknown funnel is 404, on reading and on deleting', async () => {
    const c = admin.caller.analytics;
    expect(
      (await trpcErrorOf(() => c.getFunnel({ from: '2026-05-01', to: '2026-05-02', funnelId: 'nope' }))).code,
    ).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => c.deleteFunnel({ id: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('a second recompute while one is queued or running is 409; the first ends and shows its progress', async () => {
    const c = admin.caller.analytics;
    const results = await Promise.allSettled([
      c.triggerRecompute({ from: '2026-05-25', to: '2026-06-01' }),
      c.triggerRecompute({ from: '2026-05-01', to: '2026-05-02' }),
    ]);
    const fulfilled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as { code: string }).code] : [],
    );
    expect(refused).toEqual(['CONFLICT']);
    const queued = fulfilled[0];
    expect(queued?.status).toBe('queued');
    const days = queued?.from === '2026-05-25' ? 8 : 2;
    expect(queued?.progress).toEqual({ done: 0, total: days + 3, phase: 'queued' });
    await h.services.jobRunner.whenIdle();
    const { recompute } = await c.getRecompute();
    expect(recompute).toMatchObject({
      status: 'succeeded',
      from: '2026-05-25',
      to: '2026-06-01',
      error: null,
    });
    expect(recompute?.progress).toEqual({ done: 11, total: 11, phase: 'succeeded' });
  });
});

describe('the REST face', () => {
  it('serves the views and the definitions under /v1/analytics', async () => {
    const rest = restCaller(h);
    const bearer = admin.auth.accessToken;
    const view = await rest(
      'GET',
      '/analytics/active-users?from=2026-05-25&to=2026-06-01&breakdown=platform',
      {
        bearer,
      },
    );
    expect(view.status).toBe(200);
    const body = (await view.json()) as { window: string; series: unknown[]; rolledUpAt: string | null };
    expect(body.window).toBe('rolling');
    expect(body.rolledUpAt).not.toBeNull();
    const bad = await rest('GET', '/analytics/retention?from=2026-05-25&to=2026-05-01', { bearer });
    expect(bad.status).toBe(400);
    const put = await rest('PUT', '/analytics/funnels/onboarding', {
      bearer,
      body: { name: 'Onboarding', steps: [step('$signup'), step('app.open')] },
    });
    expect(put.status).toBe(200);
    const defs = (await put.json()) as { funnels: { id: string; order: string; windowDays: number }[] };
    expect(defs.funnels.find((f) => f.id === 'onboarding')).toMatchObject({
      order: 'ordered',
      windowDays: 14,
    });
    expect((await rest('DELETE', '/analytics/funnels/onboarding', { bearer })).status).toBe(200);
    const csv = await rest('GET', '/analytics/csv?view=revenue&from=2026-05-25&to=2026-06-01', { bearer });
    expect(((await csv.json()) as { csv: string }).csv.split('\r\n')[0]).toMatch(
      /^segment,period,currency,mrrStart/,
    );
    expect((await rest('GET', '/analytics/definitions')).status).toBe(401);
  });
});
