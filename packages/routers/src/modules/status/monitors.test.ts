import { once } from 'node:events';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { checksOf, monitorPass } from '../../testing/status';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';
const MINUTE = 60_000;

/**
 * Monitors against real loopback targets, run the way the leader runs them: the harness's clock moves a minute,
 * the job runner's tick keeps the leader lease, and one pass checks what is due.
 */
describe('status monitors', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  const receivers: WebhookReceiver[] = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
    await h.close();
  });

  const target = async (opts: Parameters<typeof startWebhookReceiver>[0] = {}) => {
    const r = await startWebhookReceiver(opts);
    receivers.push(r);
    return r;
  };
  const component = async (id: string) => admin.status.components.create({ id, name: id.toUpperCase() });
  const stateOf = async (id: string) => (await admin.status.components.get({ id })).state;
  const minuteLater = async () => {
    h.advance(MINUTE);
    return monitorPass(h);
  };

  it('runs only on the job runner leader, and checks the platform components with internal monitors', async () => {
    const components = await admin.status.components.list();
    expect(components.items.map((c) => c.id)).toEqual([
      'api',
      'console',
      'database',
      'blob_storage',
      'email',
      'push',
      'job_runner',
      'event_bus',
    ]);
    // Nobody leads yet: a pass does nothing.
    expect(await h.services.status.runner.runDue()).toEqual({ leader: false, checked: 0 });
    const pass = await monitorPass(h);
    expect(pass).toMatchObject({ leader: true, checked: 5 });
    const monitors = (await admin.status.monitors.list()).items;
    const byCheck = Object.fromEntries(monitors.map((m) => [m.check, m]));
    for (const check of ['store', 'blob', 'event_backlog', 'dead_letters', 'job_runner']) {
      expect(byCheck[check], check).toMatchObject({ status: 'up', builtin: true, consecutiveFailures: 0 });
    }
    expect(await stateOf('database')).toBe('operational');
    // The platform's own cannot be deleted.
    await expect(admin.status.monitors.delete({ id: 'mon_store' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(admin.status.components.delete({ id: 'api' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('puts a flapping target down only after its retries, and counts the retried checks as down then', async () => {
    const script = [500, 500, 200, 500, 500, 200, 500, 500, 500];
    const flaky = await target({ answer: (n) => ({ status: script[n - 1] ?? 200, body: 'hi' }) });
    await component('flaky');
    const monitor = await admin.status.monitors.create({
      componentId: 'flaky',
      name: 'Flaky home page',
      type: 'http',
      url: `${flaky.url}/health`,
      retries: 2,
      intervalSeconds: 60,
    });
    const seen: string[] = [];
    const states: string[] = [];
    await monitorPass(h);
    for (let i = 0; i < script.length; i += 1) {
      if (i > 0) await minuteLater();
      seen.push((await admin.status.monitors.get({ id: monitor.id })).status);
      states.push(await stateOf('flaky'));
    }
    expect(flaky.received.map((r) => r.path)).toEqual(script.map(() => '/health'));
    expect(seen).toEqual([
      'pending',
      'pending',
      'up',
      'pending',
      'pending',
      'up',
      'pending',
      'pending',
      'down',
    ]);
    // Failed checks within the retries are not an outage; the third in a row is.
    expect(states.slice(0, 8).every((state) => state === 'operational')).toBe(true);
    expect(states[8]).toBe('major_outage');
    const checks = await checksOf(h, PRODUCT, monitor.id);
    expect(checks.map((c) => c.status)).toEqual([
      'pending',
      'pending',
      'up',
      'pending',
      'pending',
      'up',
      'down',
      'down',
      'down',
    ]);
    expect(checks.slice(6, 8).every((c) => c.wasPending)).toBe(true);
    expect(checks[8]?.message).toBe('HTTP 500, expected 200-299');

    // Uptime: 9 minutes observed since the component was added, down from the first retried check (+6 min).
    h.advance(MINUTE);
    const history = await (await h.anonymous()).status.getHistory();
    const row = history.components.find((c) => c.id === 'flaky');
    expect(row?.days.at(-1)?.uptime).toBeCloseTo(1 - 3 / 9, 10);
    expect(row?.days.at(-1)?.status).toBe('major_outage');
    await admin.status.monitors.update({ id: monitor.id, enabled: false });
  });

  it('checks the expected status, a keyword, the timeout and the latency threshold', async () => {
    const page = await target({ answer: { status: 200, body: '<html>all good here</html>' } });
    const slow = await target({ answer: { status: 200, body: 'ok', delayMs: 300 } });
    const stalled = await target({ stall: true });
    await component('web');
    const make = (name: string, fields: Record<string, unknown>) =>
      admin.status.monitors.create({ componentId: 'web', name, type: 'http', retries: 0, ...fields });
    const keyword = await make('keyword', { url: page.url, keyword: 'all good' });
    const missing = await make('missing keyword', { url: page.url, keyword: 'nope' });
    const status = await make('status', { url: page.url, expectedStatus: '204,301-302' });
    const timeout = await make('timeout', { url: stalled.url, timeoutMs: 200 });
    const degraded = await make('slow', { url: slow.url, degradedLatencyMs: 50 });
    await monitorPass(h);
    const view = async (id: string) => admin.status.monitors.get({ id });
    expect(await view(keyword.id)).toMatchObject({ status: 'up', lastMessage: 'HTTP 200' });
    expect(await view(missing.id)).toMatchObject({
      status: 'down',
      lastMessage: "HTTP 200 without the keyword 'nope'",
    });
    expect(await view(status.id)).toMatchObject({
      status: 'down',
      lastMessage: 'HTTP 200, expected 204,301-302',
    });
    expect(await view(timeout.id)).toMatchObject({ status: 'down', lastMessage: 'no answer within 200 ms' });
    const slowView = await view(degraded.id);
    expect(slowView.status).toBe('degraded');
    expect(slowView.lastLatencyMs).toBeGreaterThanOrEqual(250);
    // Three of five down: a partial outage (all down would be major).
    expect(await stateOf('web')).toBe('partial_outage');
    for (const m of [missing, status, timeout])
      await admin.status.monitors.update({ id: m.id, enabled: false });
    expect(await stateOf('web')).toBe('degraded_performance');
    // "Check now" runs at once and records the result.
    const checked = await admin.status.monitors.check({ id: keyword.id });
    expect(checked).toMatchObject({ monitorId: keyword.id, status: 'up', message: 'HTTP 200' });
    for (const m of [keyword, degraded]) await admin.status.monitors.update({ id: m.id, enabled: false });
  });

  it('connects to TCP ports, and refuses targets outside the allowed addresses as webhooks do', async () => {
    const server = createServer((socket) => socket.end());
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await component('tcp');
    const open = await admin.status.monitors.create({
      componentId: 'tcp',
      name: 'open',
      type: 'tcp',
      host: '127.0.0.1',
      port,
      retries: 0,
    });
    const shut = await admin.status.monitors.create({
      componentId: 'tcp',
      name: 'closed',
      type: 'tcp',
      host: '127.0.0.1',
      port: closedPort,
      retries: 0,
    });
    expect(await admin.status.monitors.check({ id: open.id })).toMatchObject({
      status: 'up',
      message: `connected to port ${port}`,
    });
    const refused = await admin.status.monitors.check({ id: shut.id });
    expect(refused.status).toBe('down');
    expect(refused.message).toContain('ECONNREFUSED');

    const metadata = await expectFieldError(
      () =>
        admin.status.monitors.create({
          componentId: 'tcp',
          name: 'metadata',
          type: 'http',
          url: 'http://169.254.169.254/latest',
        }),
      'url',
    );
    expect(metadata).toContain('link-local');
    await expectFieldError(
      () =>
        admin.status.monitors.create({
          componentId: 'tcp',
          name: 'lan',
          type: 'tcp',
          host: '10.1.2.3',
          port: 22,
        }),
      'host',
    );
    await expectFieldError(
      () =>
        admin.status.monitors.create({
          componentId: 'nope',
          name: 'x',
          type: 'tcp',
          host: '127.0.0.1',
          port,
        }),
      'componentId',
    );
    for (const m of [open, shut]) await admin.status.monitors.delete({ id: m.id });
  });

  it('holds a heartbeat monitor up while its secret URL is pushed, and down when pushes stop', async () => {
    await component('cron');
    const monitor = await admin.status.monitors.create({
      componentId: 'cron',
      name: 'Nightly backup',
      type: 'heartbeat',
      intervalSeconds: 120,
      retries: 0,
    });
    expect(monitor.pushPath).toMatch(/^\/v1\/public\/status\/heartbeat\/hb_[A-Za-z0-9_-]+$/);
    const token = monitor.pushPath?.split('/').at(-1) ?? '';
    await monitorPass(h);
    expect((await admin.status.monitors.get({ id: monitor.id })).lastMessage).toBe('no push received yet');

    await h.services.status.monitors.heartbeat(token, { status: 'up', message: 'backup ok', ping: 42 });
    await monitorPass(h);
    expect(await admin.status.monitors.get({ id: monitor.id })).toMatchObject({
      status: 'up',
      lastLatencyMs: 42,
      lastMessage: 'backup ok',
    });
    h.advance(2 * MINUTE);
    await monitorPass(h);
    expect(await admin.status.monitors.get({ id: monitor.id })).toMatchObject({
      status: 'up',
    });
    h.advance(2 * MINUTE);
    await monitorPass(h);
    const late = await admin.status.monitors.get({ id: monitor.id });
    expect(late.status).toBe('down');
    expect(late.lastMessage).toBe('no push for 240 s (expected every 120 s)');
    // A push that reports down counts as a failure; an unknown token finds nothing.
    await h.services.status.monitors.heartbeat(token, { status: 'up', message: null, ping: null });
    await monitorPass(h);
    expect((await admin.status.monitors.get({ id: monitor.id })).status).toBe('up');
    expect(
      await h.services.status.monitors.heartbeat('hb_unknown-token-1234', {
        status: 'up',
        message: null,
        ping: null,
      }),
    ).toBeUndefined();
    await admin.status.monitors.delete({ id: monitor.id });
  });
});
