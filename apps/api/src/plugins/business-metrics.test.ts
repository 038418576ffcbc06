import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';

/** The business figures on /metrics move with what happens: events, 429s, the job leader lease. */

let t: TestServer;
let adminToken: string;

const metricsPage = async (): Promise<string> => {
  const res = await t.app.inject({ url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.payload;
};

/** The value of one sample line (exact labels, in registration order), or undefined when absent. */
const sample = (page: string, series: string): number | undefined => {
  const line = page.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeAll(async () => {
  t = await createTestServer();
  adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
});
afterAll(async () => {
  await t.close();
});

describe('business metrics', () => {
  it('counts deliveries by channel, provider and outcome, and disabled webhook endpoints by reason', async () => {
    const productId = t.env.DEFAULT_PRODUCT_ID;
    const sent = {
      deliveryId: 'dlv_Zr4nW8qK1sTb',
      channel: 'email',
      userId: null,
      template: 'welcome',
      provider: 'sendgrid',
      fellBack: false,
    } as const;
    await t.services.bus.emit('delivery.sent', sent, { productId });
    await t.services.bus.emit('delivery.sent', sent, { productId });
    await t.services.bus.emit(
      'delivery.failed',
      { deliveryId: 'dlv_Hq2xV6mP9cLe', channel: 'push', userId: null, template: 'x', error: 'apns: 410' },
      { productId },
    );
    await t.services.bus.emit(
      'webhook.endpoint_disabled',
      {
        endpointId: 'whe_Abc123',
        url: 'https://example.com/hook',
        reason: 'gone',
        consecutiveFailures: 1,
        lastError: '410 Gone',
      },
      { productId },
    );
    const page = await metricsPage();
    expect(
      sample(page, 'bytelyst_deliveries_total{channel="email",provider="sendgrid",outcome="sent"}'),
    ).toBe(2);
    expect(sample(page, 'bytelyst_deliveries_total{channel="push",provider="none",outcome="failed"}')).toBe(
      1,
    );
    expect(sample(page, 'bytelyst_webhook_endpoints_disabled_total{reason="gone"}')).toBe(1);
  });

  it('counts 429s by product and rule id', async () => {
    const created = await rest(t.app, 'POST', '/ratelimit/rules', {
      token: adminToken,
      body: { name: 'Plans, metrics test', match: ['plans.list'], key: 'ip', limit: 1, windowSeconds: 60 },
    });
    expect(created.status).toBe(200);
    const ruleId = (created.body as { id: string }).id;
    const call = () => t.app.inject({ url: '/v1/plans', remoteAddress: '203.0.113.77' });
    expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(429);
    expect((await call()).statusCode).toBe(429);
    const page = await metricsPage();
    expect(
      sample(
        page,
        `bytelyst_ratelimit_rejections_total{product="${t.env.DEFAULT_PRODUCT_ID}",rule="${ruleId}"}`,
      ),
    ).toBe(2);
  });

  it('reports whether this process leads the job schedule', async () => {
    expect(sample(await metricsPage(), 'bytelyst_job_runner_leader')).toBe(0);
  });
});
