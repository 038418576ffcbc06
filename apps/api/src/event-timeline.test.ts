import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * An event's timeline and the cross-channel recovery through the REST face: an admin reads what creating a
 * user caused (the welcome mail from its subscriber, the admin action's audit entry), previews and starts a
 * recovery and follows it; anonymous callers get 401, plain users 403.
 */

type Entry = { kind: string; at: string; template?: string; action?: string; relation?: string };
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };
const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);

describe('event timeline and recovery through the REST face', () => {
  let t: TestServer;
  let adminToken = '';
  let userToken = '';

  beforeAll(async () => {
    t = await createTestServer();
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'plain@example.com', password: 'correct-horse-battery', name: 'Plain User' },
    });
    userToken = (registered.body as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    rest(t.app, method, path, { token: adminToken, ...(body === undefined ? {} : { body }) });

  it("answers GET /v1/events/{id}/timeline with the event's mail and audit entry, oldest first", async () => {
    const created = await admin('POST', '/users', {
      email: 'story@example.com',
      name: 'Story Teller',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    expect(created.status).toBe(200);
    await t.services.bus.drain();
    const userId = (created.body as { id: string }).id;
    const list = await admin('GET', '/events?type=user.created');
    const details = await Promise.all(
      (list.body as { items: { id: string }[] }).items.map(
        async (e) => (await admin('GET', `/events/${e.id}`)).body as { id: string; data: { userId: string } },
      ),
    );
    const event = details.find((e) => e.data.userId === userId);
    expect(event).toBeDefined();
    const res = await admin('GET', `/events/${event?.id}/timeline`);
    expect(res.status).toBe(200);
    const { items } = res.body as { items: Entry[] };
    expect(items.find((i) => i.kind === 'email')).toMatchObject({ template: 'welcome' });
    expect(items.find((i) => i.kind === 'audit')).toMatchObject({
      action: 'users.create',
      relation: 'caused_by',
    });
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    expect((await admin('GET', '/events/evt_missing/timeline')).status).toBe(404);
  });

  it('previews and runs a recovery, and refuses a since in the future naming the field', async () => {
    const since = new Date(Date.now() - 60 * 60_000).toISOString();
    const preview = await admin('POST', '/events/recover/preview', { since });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ since, webhookMessages: 0, notifications: { failed: 0, held: 0 } });
    const started = await admin('POST', '/events/recover', { since });
    expect(started.status).toBe(200);
    const { id } = started.body as { id: string };
    await t.services.bus.drain();
    const done = await admin('GET', `/events/recoveries/${id}`);
    expect(done.body).toMatchObject({ id, status: 'done' });
    const listed = await admin('GET', '/events/recoveries');
    expect((listed.body as { items: { id: string }[] }).items[0]?.id).toBe(id);
    const future = await admin('POST', '/events/recover', {
      since: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(fieldsOf(future)).toEqual(['since']);
  });

  it('refuses anonymous callers and plain users on every path', async () => {
    const since = new Date().toISOString();
    const paths: ['GET' | 'POST', string, unknown?][] = [
      ['GET', '/events/evt_x/timeline'],
      ['POST', '/events/recover/preview', { since }],
      ['POST', '/events/recover', { since }],
      ['GET', '/events/recoveries'],
      ['GET', '/events/recoveries/erc_x'],
    ];
    for (const [method, path, body] of paths) {
      const opts = body === undefined ? {} : { body };
      expect((await rest(t.app, method, path, opts)).status, path).toBe(401);
      expect((await rest(t.app, method, path, { ...opts, token: userToken })).status, path).toBe(403);
    }
  });
});
