import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Exports and bulk operations on the REST face, on the paths: an export is started (202), run by the
 * worker, and its file downloaded through the signed URL the API hands out (served by the fs driver's route,
 * refused once tampered with or expired); a bulk disable goes through its dry run first. Anonymous callers get
 * 401 and plain users 403 on every path.
 */

type Job = { id: string; status: string; processed: number; counts: Record<string, number> | null };
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);

describe('exports through the REST face', () => {
  let t: TestServer;
  let adminToken = '';
  let userToken = '';
  let plainUserId = '';

  beforeAll(async () => {
    t = await createTestServer();
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'plain-exports@bytelyst.test', password: 'plain-user-password-1', name: '=Plain User' },
    });
    expect(registered.status).toBe(200);
    const body = registered.body as { accessToken: string; user: { id: string } };
    userToken = body.accessToken;
    plainUserId = body.user.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = (
    method: 'GET' | 'POST',
    path: string,
    opts: { body?: unknown; query?: Record<string, string> } = {},
  ) => rest(t.app, method, path, { ...opts, token: adminToken });

  it('starts an export, follows it to ready and downloads it through a signed, expiring URL', async () => {
    const started = await admin('POST', '/exports', {
      body: { type: 'users', format: 'csv', filters: { search: 'plain-exports' } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = started.body as Job;
    expect(job.status).toBe('pending');
    await t.services.exports.engine.drain();
    const one = await admin('GET', `/exports/${job.id}`);
    expect(one.body).toMatchObject({ id: job.id, status: 'ready', processed: 1, estimatedTotal: 1 });
    const list = await admin('GET', '/exports', { query: { kind: 'export' } });
    expect((list.body as { items: Job[] }).items.map((j) => j.id)).toContain(job.id);

    const download = await admin('GET', `/exports/${job.id}/download`);
    expect(download.status).toBe(200);
    const { url, fileName } = download.body as { url: string; fileName: string };
    expect(url.startsWith(`${t.env.PUBLIC_BASE_URL}/blobs/backups/`)).toBe(true);
    const signed = new URL(url);
    const file = await t.app.inject({ url: `${signed.pathname}${signed.search}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(fileName);
    expect(file.headers['content-type']).toContain('text/csv');
    const lines = file.payload.split('\r\n');
    expect(lines[0]).toBe('id,email,name,roles,status,emailVerified,plan,planStatus,createdAt,lastLoginAt');
    expect(lines[1]).toContain(`${plainUserId},plain-exports@bytelyst.test,'=Plain User,user,active`);

    const audit = await admin('GET', '/audit', { query: { action: 'exports.getDownloadUrl' } });
    await t.services.bus.drain();
    const entries = (await admin('GET', '/audit', { query: { action: 'exports.getDownloadUrl' } })).body as {
      items: { targetId: string }[];
    };
    expect(audit.status).toBe(200);
    expect(entries.items.map((e) => e.targetId)).toContain(job.id);
    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${tampered.searchParams.get('sig')?.slice(0, -2)}xx`);
    expect((await t.app.inject({ url: `${tampered.pathname}${tampered.search}` })).statusCode).toBe(403);
    t.clock.advance(16 * 60_000);
    expect((await t.app.inject({ url: `${signed.pathname}${signed.search}` })).statusCode).not.toBe(200);

    // The access token lapsed with the clock as well.
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
  });

  it('refuses bad filters with a 400 naming each field', async () => {
    const bad = await admin('POST', '/exports', {
      body: { type: 'telemetry', format: 'csv', filters: { platform: 'amiga', plan: 'pro' } },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['filters.plan', 'filters.platform']);
    const noType = await admin('POST', '/exports', { body: { format: 'ndjson' } });
    expect(noType.status).toBe(400);
    expect(fieldsOf(noType)).toContain('type');
  });

  it('disables a user in bulk after a dry run, with per-item results, and cancels nothing finished', async () => {
    const input = {
      operation: 'users.setStatus',
      status: 'disabled',
      selection: { filters: { search: 'plain-exports' } },
    };
    const dry = await admin('POST', '/exports/bulk/dry-run', { body: input });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ operation: 'users.setStatus', count: 1, unchanged: 0 });
    const started = await admin('POST', '/exports/bulk', { body: input });
    expect(started.status).toBe(202);
    const job = started.body as Job;
    await t.services.exports.engine.drain();
    const done = (await admin('GET', `/exports/${job.id}`)).body as Job;
    expect(done).toMatchObject({
      status: 'completed',
      processed: 1,
      counts: { done: 1, skipped: 0, failed: 0 },
    });
    const items = await admin('GET', `/exports/${job.id}/items`);
    expect((items.body as { items: unknown[] }).items).toEqual([
      { seq: 0, targetId: plainUserId, label: 'plain-exports@bytelyst.test', state: 'done', message: null },
    ]);
    // Disabling revoked the user's sessions, as users.setStatus does.
    expect((await rest(t.app, 'GET', '/auth/me', { token: userToken })).status).toBe(401);
    const cancel = await admin('POST', `/exports/${job.id}/cancel`, { body: {} });
    expect(cancel.status).toBe(409);
  });

  it('answers 401 to anonymous callers and 403 to plain users on every path', async () => {
    const plain = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'plain-two@bytelyst.test', password: 'plain-user-password-2', name: 'Plain Two' },
    });
    const token = (plain.body as { accessToken: string }).accessToken;
    const calls: ['GET' | 'POST', string, unknown?][] = [
      ['GET', '/exports'],
      ['GET', '/exports/exp_x'],
      ['GET', '/exports/exp_x/download'],
      ['GET', '/exports/exp_x/items'],
      ['POST', '/exports', { type: 'users', format: 'csv', filters: {} }],
      ['POST', '/exports/exp_x/cancel', {}],
      ['POST', '/exports/bulk', { operation: 'licenses.revoke', selection: { ids: ['x'] } }],
      ['POST', '/exports/bulk/dry-run', { operation: 'licenses.revoke', selection: { ids: ['x'] } }],
    ];
    for (const [method, path, body] of calls) {
      const opts = body === undefined ? {} : { body };
      expect((await rest(t.app, method, path, opts)).status, `${method} ${path}`).toBe(401);
      expect((await rest(t.app, method, path, { ...opts, token })).status, `${method} ${path}`).toBe(403);
    }
  });
});
