import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/server';

type Roadmap = {
  productId: string;
  columns: Record<'planned' | 'in_progress' | 'shipped', { id: string; votes: number }[]>;
};

/** The public roadmap over a real socket: grouping, ETag and 304, the end users' REST calls, refusals. */
describe('public roadmap over HTTP', () => {
  let t: TestServer;
  let base = '';
  let adminToken = '';
  let userToken = '';
  let otherToken = '';

  const call = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const login = async (email: string, password: string) =>
    (await json<{ accessToken: string }>(call('POST', '/v1/auth/login', { body: { email, password } })))
      .accessToken;
  const publicItem = async (title: string, status?: string) => {
    const item = await json<{ id: string }>(
      call('POST', '/v1/tracker/items', { token: adminToken, body: { kind: 'feature', title } }),
    );
    expect(
      (await call('PATCH', `/v1/roadmap/items/${item.id}`, { token: adminToken, body: { public: true } }))
        .status,
    ).toBe(200);
    if (status)
      await call('POST', `/v1/tracker/items/${item.id}/triage`, { token: adminToken, body: { status } });
    return item.id;
  };

  beforeAll(async () => {
    t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    adminToken = await login(t.admin.email, t.admin.password);
    for (const email of ['fan@example.com', 'other@example.com']) {
      await t.services.users.create(t.env.DEFAULT_PRODUCT_ID, {
        email,
        name: 'Fan',
        password: 'a-long-fan-password-42',
        roles: ['user'],
      });
    }
    userToken = await login('fan@example.com', 'a-long-fan-password-42');
    otherToken = await login('other@example.com', 'a-long-fan-password-42');
  });
  afterAll(async () => t.close());

  it('groups public items by column and answers 304 until a vote or a change moves them', async () => {
    const planned = await publicItem('Planned thing', 'planned');
    const doing = await publicItem('Doing thing', 'in_progress');
    const done = await publicItem('Done thing', 'done');
    const first = await call('GET', '/v1/public/roadmap');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=15, must-revalidate');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = (await first.json()) as Roadmap;
    expect(body.columns.planned.map((i) => i.id)).toEqual([planned]);
    expect(body.columns.in_progress.map((i) => i.id)).toEqual([doing]);
    expect(body.columns.shipped.map((i) => i.id)).toEqual([done]);

    const again = await call('GET', '/v1/public/roadmap', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // The same product named in the query is the same answer.
    const named = await call('GET', `/v1/public/roadmap?productId=${t.env.DEFAULT_PRODUCT_ID}`, {
      headers: { 'if-none-match': etag },
    });
    expect(named.status).toBe(304);

    // A hidden item changes nothing a visitor sees.
    await call('POST', '/v1/tracker/items', { token: adminToken, body: { kind: 'task', title: 'Internal' } });
    expect((await call('GET', '/v1/public/roadmap', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );

    const vote = await call('POST', `/v1/roadmap/items/${planned}/vote`, { token: userToken, body: {} });
    expect(await vote.json()).toEqual({ itemId: planned, voted: true, votes: 1 });
    const moved = await call('GET', '/v1/public/roadmap', { headers: { 'if-none-match': etag } });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Roadmap).columns.planned[0]?.votes).toBe(1);

    const detail = await call('GET', `/v1/public/roadmap/items/${planned}`);
    expect(detail.status).toBe(200);
    const detailTag = detail.headers.get('etag') ?? '';
    expect(
      (await call('GET', `/v1/public/roadmap/items/${planned}`, { headers: { 'if-none-match': detailTag } }))
        .status,
    ).toBe(304);
    expect(
      (
        await call('POST', `/v1/roadmap/items/${planned}/comments`, {
          token: userToken,
          body: { body: 'Yes please' },
        })
      ).status,
    ).toBe(200);
    const commented = await call('GET', `/v1/public/roadmap/items/${planned}`, {
      headers: { 'if-none-match': detailTag },
    });
    expect(commented.status).toBe(200);
    expect(
      ((await commented.json()) as { comments: { body: string }[] }).comments.map((c) => c.body),
    ).toEqual(['Yes please']);
  });

  it('keeps one vote per user when the same request races over HTTP', async () => {
    const item = await publicItem('Race me');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', `/v1/roadmap/items/${item}/vote`, { token: otherToken, body: { voted: true } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 8 }, () => 200));
    const view = await json<{ votes: number }>(call('GET', `/v1/public/roadmap/items/${item}`));
    expect(view.votes).toBe(1);
    const off = await json<{ voted: boolean; votes: number }>(
      call('POST', `/v1/roadmap/items/${item}/vote`, { token: otherToken, body: {} }),
    );
    expect(off).toEqual({ itemId: item, voted: false, votes: 0 });
  });

  it('takes submissions from users, moderated by admins only; nothing pending is public', async () => {
    const submitted = await call('POST', '/v1/roadmap/submissions', {
      token: userToken,
      body: { title: 'Dark mode for the web app', body: 'Easier at night' },
    });
    expect(submitted.status).toBe(200);
    const { id } = (await submitted.json()) as { id: string };
    expect((await call('GET', `/v1/public/roadmap/items/${id}`)).status).toBe(404);
    const all = await json<Roadmap>(call('GET', '/v1/public/roadmap'));
    expect(
      Object.values(all.columns)
        .flat()
        .map((i) => i.id),
    ).not.toContain(id);

    // Anonymous callers and plain users cannot moderate.
    expect((await call('GET', '/v1/roadmap/submissions')).status).toBe(401);
    expect((await call('GET', '/v1/roadmap/submissions', { token: userToken })).status).toBe(403);
    const approveBody = { status: 'planned' };
    expect((await call('POST', `/v1/roadmap/submissions/${id}/approve`, { body: approveBody })).status).toBe(
      401,
    );
    expect(
      (await call('POST', `/v1/roadmap/submissions/${id}/approve`, { token: userToken, body: approveBody }))
        .status,
    ).toBe(403);
    expect(
      (await call('PATCH', `/v1/roadmap/items/${id}`, { token: userToken, body: { public: true } })).status,
    ).toBe(403);
    // Anonymous visitors cannot vote, comment or submit.
    expect((await call('POST', `/v1/roadmap/items/${id}/vote`, { body: {} })).status).toBe(401);
    expect((await call('POST', '/v1/roadmap/submissions', { body: { title: 'Anon idea' } })).status).toBe(
      401,
    );

    const queue = await json<{ items: { id: string }[] }>(
      call('GET', '/v1/roadmap/submissions', { token: adminToken }),
    );
    expect(queue.items.map((i) => i.id)).toContain(id);
    const approved = await call('POST', `/v1/roadmap/submissions/${id}/approve`, {
      token: adminToken,
      body: approveBody,
    });
    expect(approved.status).toBe(200);
    expect((await call('GET', `/v1/public/roadmap/items/${id}`)).status).toBe(200);
    const mine = await json<{ items: { id: string; submissionState: string }[] }>(
      call('GET', '/v1/roadmap/submissions/mine', { token: userToken }),
    );
    expect(mine.items).toEqual([expect.objectContaining({ id, submissionState: 'approved' })]);

    const bad = await call('POST', '/v1/roadmap/submissions', { token: userToken, body: { title: '' } });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path),
    ).toEqual(['title']);
    expect((await call('GET', '/v1/public/roadmap?product=nope')).status).toBe(404);
  });

  it('limits suggestions per user through the rate-limit rules', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call('POST', '/v1/roadmap/submissions', {
        token: otherToken,
        body: { title: `Idea number ${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(statuses[10]).toBe(429);
  });
});
