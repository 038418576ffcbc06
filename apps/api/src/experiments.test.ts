import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Experiments on the REST face, on the paths: an admin defines a metric and an experiment, starts it,
 * clients are assigned (anonymous by device, signed in as themselves) and report conversions through telemetry,
 * the results come back with SRM and lifts, and the conclusion rolls the flag out. Anonymous callers get 401
 * and plain users 403 on every admin path.
 */

type ErrorBody = { error: { code: string; reason?: string; fields?: { path: string; message: string }[] } };
type Assignment = {
  experimentKey: string;
  variationIndex: number;
  variationKey: string;
  inExperiment: boolean;
  hashAttribute: string;
  hashValue: string;
};

const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);

describe('experiments through the REST face', () => {
  let t: TestServer;
  let adminToken = '';
  let userToken = '';
  let userId = '';

  beforeAll(async () => {
    t = await createTestServer();
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'plain-exp@bytelyst.test', password: 'plain-user-password-1', name: 'Plain User' },
    });
    expect(registered.status).toBe(200);
    userToken = (registered.body as { accessToken: string }).accessToken;
    userId = (registered.body as { user: { id: string } }).user.id;
  });
  afterAll(async () => t?.close());

  const admin = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    opts: { body?: unknown; query?: Record<string, string> } = {},
  ) => rest(t.app, method, path, { ...opts, token: adminToken });

  const definition = (key: string, over: Record<string, unknown> = {}) => ({
    key,
    name: `Experiment ${key}`,
    variants: [
      { id: 'control', weight: 50 },
      { id: 'treatment', weight: 50 },
    ],
    primaryMetric: 'purchase',
    ...over,
  });

  it('manages metrics and experiments on the issue paths, refusing bad input by field', async () => {
    const metric = await admin('POST', '/experiments/metrics', {
      body: {
        key: 'purchase',
        name: 'Purchase',
        kind: 'conversion',
        numerator: { source: 'telemetry', event: 'checkout.purchase' },
      },
    });
    expect(metric.status, JSON.stringify(metric.body)).toBe(200);
    expect(metric.body).toMatchObject({ key: 'purchase', windowHours: 72, direction: 'higher' });
    expect((await admin('GET', '/experiments/metrics')).body).toMatchObject({ items: [{ key: 'purchase' }] });

    const badWeights = await admin('POST', '/experiments', {
      body: definition('bad', {
        variants: [
          { id: 'control', weight: 60 },
          { id: 'treatment', weight: 60 },
        ],
      }),
    });
    expect(badWeights.status).toBe(400);
    expect(fieldsOf(badWeights)).toEqual(['variants']);
    const badMetric = await admin('POST', '/experiments', {
      body: definition('bad', { primaryMetric: 'missing' }),
    });
    expect(badMetric.status).toBe(400);
    expect(fieldsOf(badMetric)).toEqual(['primaryMetric']);

    const created = await admin('POST', '/experiments', { body: definition('draft-only') });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      id: 'draft-only',
      status: 'draft',
      seed: 'draft-only',
      hashVersion: 2,
    });
    const patched = await admin('PATCH', '/experiments/draft-only', {
      body: { hypothesis: 'Bigger button, more buys', coverage: 0.5 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ hypothesis: 'Bigger button, more buys', coverage: 0.5 });
    expect((await admin('GET', '/experiments/draft-only')).body).toMatchObject({ coverage: 0.5 });
    expect((await admin('GET', '/experiments', { query: { status: 'draft' } })).body).toMatchObject({
      total: 1,
    });
    expect((await admin('DELETE', '/experiments/draft-only')).status).toBe(200);
    expect((await admin('GET', '/experiments/draft-only')).status).toBe(404);
  });

  it('assigns clients, records exposures and conversions, shows results, and concludes into the flag', async () => {
    expect((await admin('POST', '/flags', { body: { key: 'big-button', percentage: 0 } })).status).toBe(200);
    const created = await admin('POST', '/experiments', {
      body: definition('big-button', { hashAttribute: 'deviceId', flagKey: 'big-button' }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect((await admin('POST', '/experiments/big-button/start', { body: {} })).status).toBe(200);

    const anonymous = await rest(t.app, 'POST', '/experiments/assignments', {
      body: { deviceId: 'dev-1', attributes: { platform: 'ios' } },
    });
    expect(anonymous.status, JSON.stringify(anonymous.body)).toBe(200);
    const [first] = (anonymous.body as { assignments: Assignment[] }).assignments;
    expect(first).toMatchObject({
      experimentKey: 'big-button',
      inExperiment: true,
      hashAttribute: 'deviceId',
      hashValue: 'dev-1',
    });
    const refused = await rest(t.app, 'POST', '/experiments/assignments', { body: { userId: 'someone' } });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['userId']);

    // 300 devices; every treatment device converts, no control device does.
    const variation = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const res = await rest(t.app, 'POST', '/experiments/assignments', {
        body: { deviceId: `device-${i}` },
      });
      const [a] = (res.body as { assignments: Assignment[] }).assignments;
      variation.set(`device-${i}`, a?.variationIndex ?? -1);
      // Asking again changes nothing: same variation, no second exposure.
      const again = await rest(t.app, 'POST', '/experiments/assignments', {
        body: { deviceId: `device-${i}` },
      });
      expect((again.body as { assignments: Assignment[] }).assignments[0]?.variationIndex).toBe(
        a?.variationIndex,
      );
    }
    const at = new Date(t.clock.clock() + 60_000).toISOString();
    const events = [...variation.entries()]
      .filter(([, v]) => v === 1)
      .map(([deviceId]) => ({
        name: 'checkout.purchase',
        level: 'info',
        at,
        deviceId,
        platform: 'ios',
        appVersion: '1.0.0',
      }));
    t.clock.advance(120_000);
    const ingested = await rest(t.app, 'POST', '/telemetry/ingest', { body: { events } });
    expect(ingested.status, JSON.stringify(ingested.body)).toBe(200);

    const results = await admin('GET', '/experiments/big-button/results', { query: { refresh: 'true' } });
    expect(results.status, JSON.stringify(results.body)).toBe(200);
    const body = results.body as {
      results: {
        units: { units: number }[];
        srm: { mismatch: boolean };
        window: { from: string; to: string };
        metrics: { variants: { mean: number }[]; treatments: { frequentist: { significant: boolean } }[] }[];
      };
    };
    const units = body.results.units.map((u) => u.units);
    expect((units[0] ?? 0) + (units[1] ?? 0)).toBe(301);
    expect(body.results.srm.mismatch).toBe(false);
    expect(body.results.metrics[0]?.variants.map((v) => v.mean)).toEqual([
      0,
      events.length / (units[1] ?? 1),
    ]);

    // The signed-in user on device dev-1: the device's exposure now carries the user.
    const login = await rest(t.app, 'POST', '/auth/login', {
      body: { email: 'plain-exp@bytelyst.test', password: 'plain-user-password-1', deviceId: 'dev-1' },
    });
    expect(login.status).toBe(200);
    await t.services.bus.drain();
    const product = t.services.config.defaultProductId;
    const exposure = await t.store
      .container<{ id: string; userId: string | null }>('experiment_exposures')
      .read('deviceId:dev-1', `${product}:big-button`);
    expect(exposure?.userId).toBe(userId);
    const mine = await rest(t.app, 'POST', '/experiments/assignments', {
      token: userToken,
      body: { deviceId: 'dev-1' },
    });
    expect((mine.body as { assignments: Assignment[] }).assignments[0]).toMatchObject({
      variationIndex: first?.variationIndex,
    });

    const concluded = await admin('POST', '/experiments/big-button/conclude', {
      body: { winningVariant: 'treatment', reason: 'Every treatment device bought' },
    });
    expect(concluded.status, JSON.stringify(concluded.body)).toBe(200);
    expect(concluded.body).toMatchObject({
      status: 'concluded',
      winningVariant: 'treatment',
      conclusion: { flagRollout: 'on' },
    });
    await t.services.bus.drain();
    expect((await admin('GET', '/flags/big-button')).body).toMatchObject({ enabled: true, percentage: 100 });
  });

  it('refuses a conclusion under a sample ratio mismatch with 409 and its reason', async () => {
    // A product backend's API token names the user it assigns; a signed-in admin would be assigned as themself,
    // one unit whose variation decides alone whether the split looks wrong.
    const created = await admin('POST', '/tokens', { body: { name: 'srm-backend' } });
    expect(created.status).toBe(200);
    const backendToken = (created.body as { token: string }).token;
    expect((await admin('POST', '/experiments', { body: definition('srm-rest') })).status).toBe(200);
    expect((await admin('POST', '/experiments/srm-rest/start', { body: {} })).status).toBe(200);
    for (let i = 0; i < 200; i++)
      await rest(t.app, 'POST', '/experiments/assignments', {
        token: backendToken,
        body: { userId: `a-${i}` },
      });
    const reweighted = await admin('PATCH', '/experiments/srm-rest', {
      body: {
        variants: [
          { id: 'control', weight: 95 },
          { id: 'treatment', weight: 5 },
        ],
      },
    });
    expect(reweighted.status).toBe(200);
    const hashing = await admin('PATCH', '/experiments/srm-rest', { body: { seed: 'other' } });
    expect(hashing.status).toBe(409);
    expect(fieldsOf(hashing)).toEqual(['seed']);
    for (let i = 0; i < 200; i++)
      await rest(t.app, 'POST', '/experiments/assignments', {
        token: backendToken,
        body: { userId: `b-${i}` },
      });
    const refused = await admin('POST', '/experiments/srm-rest/conclude', {
      body: { winningVariant: null, reason: 'Stop' },
    });
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.reason).toBe('sample_ratio_mismatch');
    const overridden = await admin('POST', '/experiments/srm-rest/conclude', {
      body: { winningVariant: null, reason: 'Stop', srmOverrideReason: 'Reweighted on purpose' },
    });
    expect(overridden.status).toBe(200);
  });

  it('answers 401 to anonymous callers and 403 to plain users on every admin path, changing nothing', async () => {
    const before = await admin('GET', '/experiments/big-button');
    const calls: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', '/experiments'],
      ['POST', '/experiments', definition('intruder')],
      ['GET', '/experiments/big-button'],
      ['PATCH', '/experiments/big-button', { name: 'hijacked' }],
      ['DELETE', '/experiments/big-button'],
      ['POST', '/experiments/big-button/start', {}],
      ['POST', '/experiments/big-button/pause', {}],
      ['POST', '/experiments/big-button/conclude', { winningVariant: null, reason: 'x' }],
      ['GET', '/experiments/big-button/results'],
      ['GET', '/experiments/metrics'],
      [
        'POST',
        '/experiments/metrics',
        { key: 'x', name: 'x', kind: 'count', numerator: { source: 'usage', event: 'x' } },
      ],
      ['GET', '/experiments/metrics/purchase'],
      ['PATCH', '/experiments/metrics/purchase', { name: 'hijacked' }],
      ['DELETE', '/experiments/metrics/purchase'],
    ];
    for (const [method, path, body] of calls) {
      const opts = body === undefined ? {} : { body };
      expect((await rest(t.app, method, path, opts)).status, `anonymous ${method} ${path}`).toBe(401);
      expect(
        (await rest(t.app, method, path, { ...opts, token: userToken })).status,
        `user ${method} ${path}`,
      ).toBe(403);
    }
    expect((await admin('GET', '/experiments/big-button')).body).toEqual(before.body);
    expect((await admin('GET', '/experiments/metrics/purchase')).body).toMatchObject({ name: 'Purchase' });
  });
});
