import { startFakeSendgrid } from '@bytelyst/routers/testing/fake-sendgrid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRest, rest, type Wire } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

/**
 * Feedback through the REST face: a signed-in user submits each type (a screenshot uploaded through the signed
 * blob URL first), an admin works the inbox on the same paths, and the reply reaches SendGrid's wire format on
 * a loopback fake. Anonymous callers get 401 everywhere; plain users 403 on every admin path.
 */

type FakeSendgrid = Awaited<ReturnType<typeof startFakeSendgrid>>;
type MailBody = {
  personalizations: { to: { email: string }[] }[];
  subject: string;
  content: { type: string; value: string }[];
  categories: string[];
};
type Feedback = {
  id: string;
  type: string;
  status: string;
  score: number | null;
  trackerItemId: string | null;
  trackerAction: string | null;
  telemetry: { name: string }[];
  screenshot: { key: string } | null;
};
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

const API_KEY = 'SG.feedback-test-key';
const fieldsOf = (res: Wire) => ((res.body as ErrorBody).error?.fields ?? []).map((f) => f.path);
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('feedback through the REST face', () => {
  let t: TestServer;
  let sendgrid: FakeSendgrid;
  let adminToken = '';
  let userToken = '';

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid({ apiKey: API_KEY });
    t = await createTestServer({
      env: {
        EMAIL_DRIVER: 'sendgrid',
        SENDGRID_API_KEY: API_KEY,
        SENDGRID_API_BASE: sendgrid.baseUrl,
        EMAIL_FROM_ADDRESS: 'hello@bytelyst.test',
        PUBLIC_APP_URL: 'https://app.bytelyst.test',
      },
    });
    adminToken = await loginRest(t.app, t.admin.email, t.admin.password);
    const registered = await rest(t.app, 'POST', '/auth/register', {
      body: { email: 'grace@example.com', password: 'correct-horse-battery', name: 'Grace Hopper' },
    });
    expect(registered.status).toBe(200);
    userToken = (registered.body as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await sendgrid?.close();
  });

  const user = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    rest(t.app, method, path, { token: userToken, ...(body === undefined ? {} : { body }) });
  const admin = (
    method: 'GET' | 'POST',
    path: string,
    opts: { body?: unknown; query?: Record<string, string> } = {},
  ) => rest(t.app, method, path, { ...opts, token: adminToken });

  it('takes a bug report with a screenshot uploaded through the signed URL and the last telemetry events', async () => {
    const events = Array.from({ length: 12 }, (_, i) => ({
      name: `tap.${i}`,
      level: 'info',
      at: new Date(t.clock.clock() - (12 - i) * 1000).toISOString(),
      platform: 'android',
      appVersion: '2.4.0',
    }));
    expect((await user('POST', '/telemetry/ingest', { events })).status).toBe(200);
    const signed = await user('POST', '/blob/upload-url', {
      container: 'attachments',
      fileName: 'screen.png',
      contentType: 'image/png',
      size: 8,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const upload = signed.body as { key: string; upload: { url: string; headers: Record<string, string> } };
    const put = await t.app.inject({
      method: 'PUT',
      url: pathOf(upload.upload.url),
      headers: upload.upload.headers,
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    expect(put.statusCode).toBe(201);

    const sent = await user('POST', '/feedback', {
      type: 'bug_report',
      platform: 'android',
      description: 'The recorder freezes on rotate',
      steps: ['Start recording', 'Rotate the phone'],
      device: { model: 'Pixel 9', os: 'Android 15', appVersion: '2.4.0', screen: 'Recorder' },
      screenshot: { key: upload.key },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const report = sent.body as Feedback;
    expect(report.telemetry.map((e) => e.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `tap.${11 - i}`),
    );
    expect(report.screenshot?.key).toBe(upload.key);

    const detail = await admin('GET', `/feedback/${report.id}`);
    expect(detail.status).toBe(200);
    const screenshotUrl = (detail.body as { screenshotUrl: string }).screenshotUrl;
    const image = await t.app.inject({ url: pathOf(screenshotUrl) });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
  });

  it('answers 400 naming the field, and 401 to anonymous callers', async () => {
    const missing = await user('POST', '/feedback', { type: 'nps_survey', platform: 'web' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual(['score']);
    const range = await user('POST', '/feedback', { type: 'nps_survey', platform: 'web', score: 12 });
    expect(fieldsOf(range)).toEqual(['score']);
    const extra = await user('POST', '/feedback', {
      type: 'general',
      platform: 'web',
      message: 'hi',
      score: 3,
    });
    expect(fieldsOf(extra)).toEqual(['score']);
    const anonymous = await rest(t.app, 'POST', '/feedback', {
      body: { type: 'general', platform: 'web', message: 'hi' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('lets an admin filter, convert, reply (mailed through SendGrid) and dismiss on the REST paths', async () => {
    const nps = (
      await user('POST', '/feedback', {
        type: 'nps_survey',
        platform: 'ios',
        score: 10,
        comment: 'Best dictation app',
      })
    ).body as Feedback;
    await user('POST', '/feedback', { type: 'nps_survey', platform: 'web', score: 2 });
    const note = (
      await user('POST', '/feedback', {
        type: 'general',
        platform: 'web',
        message: 'Typo on the pricing page',
      })
    ).body as Feedback;
    const feature = (
      await user('POST', '/feedback', { type: 'feature_request', platform: 'web', title: 'Folders' })
    ).body as Feedback;
    expect(feature).toMatchObject({ status: 'converted', trackerAction: 'created' });

    const promoters = await admin('GET', '/feedback', { query: { scoreMin: '9', platform: 'ios' } });
    expect(promoters.status, JSON.stringify(promoters.body)).toBe(200);
    expect((promoters.body as { items: Feedback[] }).items.map((f) => f.id)).toEqual([nps.id]);
    const withComment = await admin('GET', '/feedback', {
      query: { type: 'nps_survey', withComment: 'false' },
    });
    expect((withComment.body as { items: Feedback[] }).items.map((f) => f.score)).toEqual([2]);
    const badRange = await admin('GET', '/feedback', { query: { scoreMin: '9', scoreMax: '3' } });
    expect(badRange.status).toBe(400);
    expect(fieldsOf(badRange)).toEqual(['scoreMax']);

    const stats = await admin('GET', '/feedback/nps', { query: { weeks: '4' } });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ total: { responses: 2, promoters: 1, detractors: 1, nps: 0 } });

    const converted = await admin('POST', `/feedback/${note.id}/convert`, { body: { kind: 'task' } });
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    const item = (converted.body as { item: { id: string; title: string } }).item;
    expect(item.title).toBe('Typo on the pricing page');
    expect((await admin('GET', `/tracker/items/${item.id}`)).status).toBe(200);
    expect((await admin('POST', `/feedback/${note.id}/convert`, { body: {} })).status).toBe(409);

    const replied = await admin('POST', `/feedback/${nps.id}/reply`, {
      body: { message: 'Thank you, Grace!' },
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect((replied.body as Feedback).status).toBe('replied');
    await t.services.bus.drain();
    const mails = sendgrid.requests
      .filter((r) => r.path === '/v3/mail/send')
      .map((r) => r.body as MailBody)
      .filter((m) => m.categories.includes('feedback-reply'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.personalizations[0]?.to[0]?.email).toBe('grace@example.com');
    expect(mails[0]?.subject).toContain('Re: your survey answer to');
    const text = mails[0]?.content.find((c) => c.type === 'text/plain')?.value ?? '';
    expect(text).toContain('Thank you, Grace!');
    expect(text).toContain('You wrote: Best dictation app');
    expect(text).toContain('https://app.bytelyst.test');

    const dismissed = await admin('POST', `/feedback/${nps.id}/dismiss`, { body: { reason: 'Answered' } });
    expect(dismissed.status).toBe(200);
    expect((dismissed.body as Feedback).status).toBe('dismissed');
    expect((await admin('POST', `/feedback/${feature.id}/dismiss`, { body: {} })).status).toBe(409);
  });

  it('answers 401 to anonymous callers and 403 to plain users on every admin path, changing nothing', async () => {
    const note = (
      await user('POST', '/feedback', { type: 'general', platform: 'web', message: 'Still here' })
    ).body as Feedback;
    const paths: ['GET' | 'POST', string, unknown][] = [
      ['GET', '/feedback', undefined],
      ['GET', '/feedback/nps', undefined],
      ['GET', `/feedback/${note.id}`, undefined],
      ['POST', `/feedback/${note.id}/convert`, {}],
      ['POST', `/feedback/${note.id}/reply`, { message: 'hi' }],
      ['POST', `/feedback/${note.id}/dismiss`, {}],
    ];
    for (const [method, path, body] of paths) {
      const opts = body === undefined ? {} : { body };
      expect((await rest(t.app, method, path, opts)).status, `anonymous ${method} ${path}`).toBe(401);
      expect(
        (await rest(t.app, method, path, { ...opts, token: userToken })).status,
        `user ${method} ${path}`,
      ).toBe(403);
    }
    const unchanged = await admin('GET', `/feedback/${note.id}`);
    expect(unchanged.body).toMatchObject({ status: 'new', trackerItemId: null, replies: [] });
  });
});
