import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest } from '../testing/http';
import { createTestServer, type TestServer } from '../testing/server';

describe('event bus and job metrics on /metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(async () => t.close());

  it('counts emits, delivery attempts by outcome, job runs, and shows the backlog', async () => {
    const token = await loginRest(t.app, t.admin.email, t.admin.password);
    expect((await rest(t.app, 'POST', '/tokens', { token, body: { name: 'metrics' } })).status).toBe(200);
    t.services.bus.subscribe({
      name: 'always-fails',
      events: ['token.created'],
      maxAttempts: 1,
      handle: async () => {
        throw new Error('no');
      },
    });
    expect((await rest(t.app, 'POST', '/tokens', { token, body: { name: 'metrics-2' } })).status).toBe(200);
    await t.services.jobRunner.trigger('stale-session-cleanup', { id: 'u', email: 'ops@bytelyst.test' });
    await t.services.jobRunner.whenIdle();
    await t.services.bus.drain();

    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    const body = res.payload;
    expect(body).toContain('bytelyst_events_emitted_total{type="admin.action"} 2');
    expect(body).toContain('bytelyst_events_emitted_total{type="token.created"} 2');
    expect(body).toContain(
      'bytelyst_event_delivery_attempts_total{subscriber="audit",outcome="succeeded"} 2',
    );
    expect(body).toContain(
      'bytelyst_event_delivery_attempts_total{subscriber="always-fails",outcome="dead"} 1',
    );
    expect(body).toContain('bytelyst_job_runs_total{job="stale-session-cleanup",status="succeeded"} 1');
    expect(body).toContain('bytelyst_events_backlog{status="dead_lettered"} 1');
    expect(body).toContain('bytelyst_events_backlog{status="pending"} 0');
    expect(body).toMatch(/bytelyst_event_delivery_duration_seconds_count\{subscriber="audit"\} 2/);
  });
});
