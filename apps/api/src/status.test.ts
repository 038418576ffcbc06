import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/** The status page's public face over HTTP: its shape, its cache headers, the feed, the badges, the push URL. */
describe('public status over HTTP', () => {
  let t: TestServer;
  let adminToken = '';

  beforeAll(async () => {
    t = await createTestServer();
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  });
  afterAll(async () => t.close());

  it('answers GET /v1/public/status to anyone, cacheable for 30 s, in the roadmap shape', async () => {
    const opened = await rest(t.app, 'POST', '/status/incidents', {
      token: adminToken,
      body: {
        title: 'Slow uploads',
        message: 'Uploads are slow.',
        components: [{ id: 'blob_storage', impact: 'degraded_performance' }],
      },
    });
    expect(opened.status).toBe(200);
    const res = await rest(t.app, 'GET', '/public/status');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.body).toMatchObject({
      overallStatus: 'degraded_performance',
      overallDescription: 'Degraded performance',
      lastCheckedAt: null,
      maintenanceWindows: [],
      incidents: [{ title: 'Slow uploads', status: 'investigating', impact: 'degraded_performance' }],
    });
    const body = res.body as { services: { id: string; status: string }[] };
    expect(body.services.map((s) => s.id)).toEqual([
      'api',
      'console',
      'database',
      'blob_storage',
      'email',
      'push',
      'job_runner',
      'event_bus',
    ]);
    expect(body.services.find((s) => s.id === 'blob_storage')?.status).toBe('degraded_performance');
    // The admin side is not public.
    expect((await rest(t.app, 'GET', '/status/components')).status).toBe(401);
  });

  it('answers 90 days of history per component with the rule, cacheable for 60 s', async () => {
    t.clock.advance(10 * 60_000);
    const res = await rest(t.app, 'GET', '/public/status/history');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.body as {
      rule: string;
      from: string;
      to: string;
      components: { id: string; days: { day: string; uptime: number | null; status: string | null }[] }[];
      incidents: { title: string }[];
    };
    expect(body.rule).toContain('0.3 × time in partial outage');
    expect(body.components).toHaveLength(8);
    for (const component of body.components) {
      expect(component.days).toHaveLength(90);
      expect(component.days[0]?.day).toBe(body.from);
      expect(component.days.at(-1)?.day).toBe(body.to);
    }
    // Today is observed since the components were added; degraded performance counts as up.
    const blob = body.components.find((c) => c.id === 'blob_storage');
    expect(blob?.days.at(-1)).toMatchObject({ uptime: 1, status: 'degraded_performance' });
    expect(blob?.days[0]).toMatchObject({ uptime: null, status: null });
    expect(body.incidents.map((i) => i.title)).toEqual(['Slow uploads']);
  });

  it('serves an Atom feed and SVG badges', async () => {
    const feed = await t.app.inject({ method: 'GET', url: '/v1/public/status/feed.atom' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('public, max-age=60');
    expect(feed.payload).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed.payload).toContain('<title>Slow uploads (Investigating)</title>');
    expect(feed.payload).toContain('Uploads are slow.');

    const badge = await t.app.inject({ method: 'GET', url: '/v1/public/status/badge/blob_storage.svg' });
    expect(badge.statusCode).toBe(200);
    expect(badge.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(badge.payload).toContain('aria-label="Blob storage: degraded performance"');
    const overall = await t.app.inject({ method: 'GET', url: '/v1/public/status/badge/overall.svg' });
    expect(overall.payload).toContain(': degraded performance"');
    const missing = await t.app.inject({ method: 'GET', url: '/v1/public/status/badge/nope.svg' });
    expect(missing.statusCode).toBe(404);
    const otherProduct = await t.app.inject({
      method: 'GET',
      url: '/v1/public/status/feed.atom?product=nope',
    });
    expect(otherProduct.statusCode).toBe(404);
  });

  it('takes heartbeat pushes at the monitor secret URL, GET or POST', async () => {
    const created = await rest(t.app, 'POST', '/status/monitors', {
      token: adminToken,
      body: { componentId: 'job_runner', name: 'Backup job', type: 'heartbeat', intervalSeconds: 300 },
    });
    expect(created.status).toBe(200);
    const pushPath = (created.body as { pushPath: string }).pushPath;
    const push = await t.app.inject({ method: 'GET', url: `${pushPath}?status=up&msg=done&ping=12` });
    expect(push.statusCode).toBe(200);
    expect(JSON.parse(push.payload)).toEqual({ ok: true });
    const posted = await t.app.inject({ method: 'POST', url: pushPath });
    expect(posted.statusCode).toBe(200);
    const id = (created.body as { id: string }).id;
    const monitor = await rest(t.app, 'GET', `/status/monitors/${id}`, { token: adminToken });
    expect((monitor.body as { lastHeartbeatAt: string | null }).lastHeartbeatAt).not.toBeNull();
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/v1/public/status/heartbeat/hb_not-a-token-0000',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('subscribes through REST with 202, whatever the address', async () => {
    const res = await rest(t.app, 'POST', '/public/status/subscribe', {
      body: { email: 'grace@example.com' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true });
  });
});
