import { verifyStandardWebhook } from '@bytelyst/routers/testing/standard-webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '@bytelyst/routers/testing/webhook-receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Outgoing webhooks on the REST face, on the paths: an admin manages endpoints, a receiver on loopback
 * (allowed through WEBHOOK_ALLOWED_CIDRS) gets a real event signed so that `standardwebhooks` accepts it, and
 * tests, resends and recovery go through the same API. Anonymous callers get 401 and plain users 403 on every
 * one of these paths.
 */

type Endpoint = { id: string; url: string; description: string; eventTypes: string[]; secret?: string };
type Message = { id: string; messageId: string; status: string; attemptCount: number };
type MessageDetail = Message & { body: string; attempts: { responseCode: number | null; trigger: string }[] };
type Recovery = { id: string; status: string; scanned: number; queued: number };
type ErrorBody = { error: { code: string; fields?: { path: string; message: string }[] } };

const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);

describe('webhooks through the REST face', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let adminToken = '';
  let userToken = '';

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // No retries: a refused message fails at once, for recover-since-T to find.
    t = await createTestServer({ env: { WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', WEBHOOK_MAX_RETRIES: '0' } });
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'plain-hooks@bytelyst.test', password: 'plain-user-password-1', name: 'Plain User' },
    });
    expect(registered.status).toBe(200);
    userToken = (registered.body as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const admin = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    opts: { body?: unknown; query?: Record<string, string> } = {},
  ) => rest(t.app, method, path, { ...opts, token: adminToken });
  /** Every delivery that REST call set off has been attempted. */
  const settled = async () => {
    await t.services.bus.drain();
    await t.services.webhooks.engine.whenIdle();
  };
  const arrivalsOf = (path: string) => receiver.received.filter((req) => req.path === path);

  it('manages an endpoint on the issue paths; a real event reaches the receiver, signed', async () => {
    const created = await admin('POST', '/webhooks/endpoints', {
      body: {
        url: `${receiver.url}/hooks/crm`,
        eventTypes: ['flag.toggled'],
        description: 'Flags to the CRM',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const endpoint = created.body as Endpoint;
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint).toMatchObject({ description: 'Flags to the CRM', eventTypes: ['flag.toggled'] });
    const secret = endpoint.secret ?? '';

    const list = await admin('GET', '/webhooks/endpoints');
    expect(list.status).toBe(200);
    expect((list.body as { items: Endpoint[] }).items.map((e) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice('whsec_'.length));
    const one = await admin('GET', `/webhooks/endpoints/${endpoint.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: endpoint.id,
      url: `${receiver.url}/hooks/crm`,
      health: { level: 'none' },
    });
    expect(one.body).not.toHaveProperty('secret');

    const patched = await admin('PATCH', `/webhooks/endpoints/${endpoint.id}`, {
      body: { description: 'Flags to the CRM (prod)', eventTypes: ['flag.*'] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Flags to the CRM (prod)', eventTypes: ['flag.*'] });

    // A real event: an admin turns a flag on through REST, which emits flag.toggled with the change.
    const flag = await admin('POST', '/flags', { body: { key: 'dark-mode', percentage: 40 } });
    expect(flag.status, JSON.stringify(flag.body)).toBe(200);
    const toggled = await admin('POST', '/flags/dark-mode/toggle', { body: { enabled: true } });
    expect(toggled.status, JSON.stringify(toggled.body)).toBe(200);
    await settled();
    const [delivered, ...more] = arrivalsOf('/hooks/crm');
    expect(more).toEqual([]);
    if (!delivered) throw new Error('the receiver got nothing');
    expect(verifyStandardWebhook(secret, delivered)).toEqual({
      type: 'flag.toggled',
      timestamp: expect.any(String),
      data: { flagId: 'dark-mode', enabled: true, percentage: 40 },
    });
    const eventId = String(delivered.headers['webhook-id']);

    const attempts = await admin('GET', `/webhooks/endpoints/${endpoint.id}/attempts`);
    expect(attempts.status).toBe(200);
    expect((attempts.body as { items: Message[] }).items).toEqual([
      expect.objectContaining({ messageId: eventId, status: 'succeeded', attemptCount: 1 }),
    ]);

    // The test route sends the catalogue's example (not a real flag's state) and answers with the attempt.
    const test = await admin('POST', `/webhooks/endpoints/${endpoint.id}/test`, {
      body: { eventType: 'flag.toggled' },
    });
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body).toMatchObject({
      status: 'succeeded',
      attempts: [{ responseCode: 200, trigger: 'test' }],
    });
    const testArrival = arrivalsOf('/hooks/crm').at(-1);
    if (!testArrival) throw new Error('the test message did not arrive');
    expect(verifyStandardWebhook(secret, testArrival)).toMatchObject({
      type: 'flag.toggled',
      data: { flagId: 'new-editor', enabled: true, percentage: 25 },
    });

    // Resend: the same webhook-id again.
    const resent = await admin('POST', `/webhooks/messages/${eventId}/resend`, { body: {} });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toEqual({ messageId: eventId, queued: 1 });
    await settled();
    const again = arrivalsOf('/hooks/crm').at(-1);
    if (!again) throw new Error('the resent message did not arrive');
    expect(again.headers['webhook-id']).toBe(eventId);
    expect(again.body).toBe(delivered.body);
    expect(verifyStandardWebhook(secret, again)).toMatchObject({ type: 'flag.toggled' });

    // Rotation: a new secret, and during the overlap each message verifies with either.
    const rotated = await admin('POST', `/webhooks/endpoints/${endpoint.id}/rotate-secret`, { body: {} });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const newSecret = (rotated.body as Endpoint).secret ?? '';
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    // What was signed before the rotation carries the old secret's signature only.
    expect(() => verifyStandardWebhook(newSecret, delivered)).toThrow();
    expect((await admin('POST', '/flags/dark-mode/toggle', { body: { enabled: false } })).status).toBe(200);
    await settled();
    const afterRotation = arrivalsOf('/hooks/crm').at(-1);
    if (!afterRotation) throw new Error('no message after the rotation');
    expect(afterRotation.headers['webhook-id']).not.toBe(eventId);
    expect(verifyStandardWebhook(newSecret, afterRotation)).toMatchObject({ data: { enabled: false } });
    expect(verifyStandardWebhook(secret, afterRotation)).toMatchObject({ data: { enabled: false } });

    const deleted = await admin('DELETE', `/webhooks/endpoints/${endpoint.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: endpoint.id, deleted: true });
    expect((await admin('GET', `/webhooks/endpoints/${endpoint.id}`)).status).toBe(404);
  });

  it('recovers since T (202, progress on the recoveries path) what the receiver refused', async () => {
    const created = await admin('POST', '/webhooks/endpoints', {
      body: { url: `${receiver.url}/hooks/flaky`, eventTypes: ['flag.toggled'], description: 'Flaky' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const endpoint = created.body as Endpoint;
    const since = new Date(t.clock.clock() - 1000).toISOString();
    receiver.setAnswer({ status: 500, body: 'down for maintenance' });
    expect((await admin('POST', '/flags', { body: { key: 'recover-me' } })).status).toBe(200);
    expect((await admin('POST', '/flags/recover-me/toggle', { body: { enabled: true } })).status).toBe(200);
    await settled();
    const refused = arrivalsOf('/hooks/flaky');
    expect(refused).toHaveLength(1);
    const eventId = String(refused[0]?.headers['webhook-id']);
    const log = await admin('GET', `/webhooks/endpoints/${endpoint.id}/attempts`, {
      query: { status: 'failed' },
    });
    expect((log.body as { items: Message[] }).items.map((m) => m.messageId)).toEqual([eventId]);

    receiver.setAnswer({ status: 200, body: 'ok' });
    const started = await admin('POST', `/webhooks/endpoints/${endpoint.id}/recover`, { body: { since } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const recovery = started.body as Recovery;
    expect(recovery).toMatchObject({ status: 'running', scanned: 0, queued: 0 });
    await settled();
    const progress = await admin('GET', `/webhooks/recoveries/${recovery.id}`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ id: recovery.id, status: 'done', scanned: 1, queued: 1 });
    const recovered = arrivalsOf('/hooks/flaky');
    expect(recovered.map((req) => req.headers['webhook-id'])).toEqual([eventId, eventId]);
    const resentCopy = recovered[1];
    if (!resentCopy) throw new Error('the recovered message did not arrive');
    expect(verifyStandardWebhook(endpoint.secret ?? '', resentCopy)).toMatchObject({
      data: { flagId: 'recover-me', enabled: true },
    });
    const detail = await admin('GET', `/webhooks/endpoints/${endpoint.id}/messages/${eventId}`);
    expect((detail.body as MessageDetail).attempts.map((a) => [a.trigger, a.responseCode])).toEqual([
      ['scheduled', 500],
      ['recover', 200],
    ]);
    expect((await admin('DELETE', `/webhooks/endpoints/${endpoint.id}`)).status).toBe(200);
  });

  it('refuses a bad event type (400 naming eventTypes.0) and a private URL (400 naming url)', async () => {
    const before = receiver.received.length;
    const unknown = await admin('POST', '/webhooks/endpoints', {
      body: { url: `${receiver.url}/hooks/x`, eventTypes: ['nope.happened'] },
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['eventTypes.0']);
    const internalOnly = await admin('POST', '/webhooks/endpoints', {
      body: { url: `${receiver.url}/hooks/x`, eventTypes: ['session.created', 'flag.toggled'] },
    });
    expect(internalOnly.status).toBe(400);
    expect(fieldsOf(internalOnly)).toEqual(['eventTypes.0']);
    // An IP literal is judged without DNS, and 10/8 is outside WEBHOOK_ALLOWED_CIDRS: never connected.
    const privateUrl = await admin('POST', '/webhooks/endpoints', {
      body: { url: 'http://10.0.0.1/hooks', eventTypes: ['flag.toggled'] },
    });
    expect(privateUrl.status).toBe(400);
    expect(fieldsOf(privateUrl)).toEqual(['url']);
    const patchToPrivate = await admin('POST', '/webhooks/endpoints', {
      body: { url: `${receiver.url}/hooks/x`, eventTypes: ['flag.toggled'] },
    });
    const id = (patchToPrivate.body as Endpoint).id;
    const moved = await admin('PATCH', `/webhooks/endpoints/${id}`, {
      body: { url: 'http://10.0.0.1/hooks' },
    });
    expect(moved.status).toBe(400);
    expect(fieldsOf(moved)).toEqual(['url']);
    const list = await admin('GET', '/webhooks/endpoints');
    expect((list.body as { items: Endpoint[] }).items.map((e) => e.url)).toEqual([`${receiver.url}/hooks/x`]);
    expect(receiver.received.length).toBe(before);
    expect((await admin('DELETE', `/webhooks/endpoints/${id}`)).status).toBe(200);
  });

  it('answers 401 to anonymous callers and 403 to plain users on every webhooks path, changing nothing', async () => {
    const created = await admin('POST', '/webhooks/endpoints', {
      body: { url: `${receiver.url}/hooks/guarded`, eventTypes: ['flag.toggled'] },
    });
    expect(created.status).toBe(200);
    const { id } = created.body as Endpoint;
    expect((await admin('POST', '/flags', { body: { key: 'guarded' } })).status).toBe(200);
    expect((await admin('POST', '/flags/guarded/toggle', { body: { enabled: true } })).status).toBe(200);
    await settled();
    const eventId = String(arrivalsOf('/hooks/guarded')[0]?.headers['webhook-id']);
    const recovery = await admin('POST', `/webhooks/endpoints/${id}/recover`, {
      body: { since: new Date(t.clock.clock() - 60_000).toISOString() },
    });
    expect(recovery.status).toBe(202);
    await settled();
    const before = await admin('GET', `/webhooks/endpoints/${id}`);
    const received = receiver.received.length;

    const calls: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['POST', '/webhooks/endpoints', { url: `${receiver.url}/hooks/intruder`, eventTypes: [] }],
      ['GET', '/webhooks/endpoints'],
      ['GET', `/webhooks/endpoints/${id}`],
      ['PATCH', `/webhooks/endpoints/${id}`, { url: `${receiver.url}/hooks/intruder` }],
      ['DELETE', `/webhooks/endpoints/${id}`],
      ['POST', `/webhooks/endpoints/${id}/rotate-secret`, {}],
      ['POST', `/webhooks/endpoints/${id}/test`, { eventType: 'flag.toggled' }],
      ['GET', `/webhooks/endpoints/${id}/attempts`],
      ['POST', `/webhooks/messages/${eventId}/resend`, {}],
      [
        'POST',
        `/webhooks/endpoints/${id}/recover`,
        { since: new Date(t.clock.clock() - 1000).toISOString() },
      ],
      ['GET', `/webhooks/recoveries/${(recovery.body as Recovery).id}`],
    ];
    for (const [method, path, body] of calls) {
      const opts = body === undefined ? {} : { body };
      expect((await rest(t.app, method, path, opts)).status, `anonymous ${method} ${path}`).toBe(401);
      expect(
        (await rest(t.app, method, path, { ...opts, token: userToken })).status,
        `user ${method} ${path}`,
      ).toBe(403);
    }
    await settled();
    expect(receiver.received.length).toBe(received);
    const after = await admin('GET', `/webhooks/endpoints/${id}`);
    expect(after.body).toEqual(before.body);
    const list = await admin('GET', '/webhooks/endpoints');
    expect((list.body as { items: Endpoint[] }).items.map((e) => e.id)).toEqual([id]);
    expect((await admin('DELETE', `/webhooks/endpoints/${id}`)).status).toBe(200);
  });
});
