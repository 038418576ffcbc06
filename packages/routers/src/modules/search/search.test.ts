import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';

type Admin = Awaited<ReturnType<TestHarness['signIn']>>;

/** Admin search as the console and REST clients use it, on both store drivers. */
describe.each(['sqlite', 'cosmos'] as const)('admin search on %s', (driver) => {
  let h: TestHarness;
  let a: Admin;
  let b: Admin;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createTestHarness({ driver });
    const { caller: root } = await h.root();
    await root.products.create({ id: 'prod-a', name: 'A', status: 'active' });
    await root.products.create({ id: 'prod-b', name: 'B', status: 'active' });
    a = await h.signIn(['admin'], { productId: 'prod-a', email: 'admin-a@corp.test' });
    b = await h.signIn(['admin'], { productId: 'prod-b', email: 'admin-b@corp.test' });
    const user = (caller: Admin['caller'], email: string, name: string) =>
      caller.users.create({ email, name, password: TEST_PASSWORD, roles: ['user'] });
    ids.ada = (await user(a.caller, 'ada@example.com', 'Ada')).id;
    ids.lovelace = (await user(a.caller, 'ada.lovelace@example.com', 'Ada Lovelace')).id;
    ids.adam = (await user(a.caller, 'adam@example.com', 'Adam Smith')).id;
    ids.eve = (await user(a.caller, 'eve@example.com', '<b>Eve</b>')).id;
    ids.adaB = (await user(b.caller, 'ada@example.com', 'Ada of B')).id;
    ids.item = (
      await a.caller.tracker.items.create({
        kind: 'bug',
        title: 'Invite ada@example.com to the beta',
        body: 'Reported by ada@example.com: <script>alert(1)</script> the login crash happens at once.',
      })
    ).id;
    await b.caller.tracker.items.create({ kind: 'feature', title: 'Dark mode', body: 'Dark everywhere' });
    // Users and items are indexed by sequential subscribers: their streams run on a poll.
    await h.services.bus.drain();
    await h.services.bus.pollStreams();
  }, 60_000);
  afterAll(async () => h.close(), 60_000);

  it('puts the user whose email is the query first, then the other matches', async () => {
    const { items } = await a.caller.search.query({ q: 'ada@example.com' });
    expect(items[0]).toMatchObject({ type: 'user', id: ids.ada, exact: true, title: 'Ada' });
    const rest = items.slice(1).map((hit) => `${hit.type}:${hit.id}`);
    expect(rest).toEqual(expect.arrayContaining([`user:${ids.lovelace}`, `tracker_item:${ids.item}`]));
    expect(items.slice(1).every((hit) => !hit.exact)).toBe(true);
    expect(rest).not.toContain(`user:${ids.adam}`);
  });

  it('matches the last word as a prefix while it is typed, and marks what was typed', async () => {
    const typing = await a.caller.search.query({ q: 'lovel' });
    expect(typing.items.map((hit) => hit.id)).toEqual([ids.lovelace]);
    expect(typing.items[0]?.titleHtml).toBe('Ada <mark>Lovel</mark>ace');
    expect(typing.terms).toEqual(['lovel']);
    // A space after it: a finished word, which no record has.
    expect((await a.caller.search.query({ q: 'lovel ' })).items).toEqual([]);
    const users = await a.caller.search.query({ q: 'Ada', types: ['user'] });
    expect(users.items.map((hit) => hit.id).sort()).toEqual([ids.ada, ids.lovelace, ids.adam].sort());
  });

  it('highlights matches in escaped HTML: titles and snippets never carry markup of their own', async () => {
    const crash = await a.caller.search.query({ q: 'crash' });
    expect(crash.items.map((hit) => hit.id)).toEqual([ids.item]);
    const html = crash.items[0]?.snippetHtml ?? '';
    expect(html).toContain('<mark>crash</mark>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    const eve = await a.caller.search.query({ q: 'eve' });
    expect(eve.items[0]?.titleHtml).toBe('&lt;b&gt;<mark>Eve</mark>&lt;/b&gt;');
    expect(eve.items[0]?.subtitle).toBe('eve@example.com');
  });

  it('filters by type and limits each type', async () => {
    const items = await a.caller.search.query({ q: 'ada', types: ['tracker_item'] });
    expect(items.items.map((hit) => hit.type)).toEqual(['tracker_item']);
    const one = await a.caller.search.query({ q: 'example', types: ['user', 'tracker_item'], limit: 1 });
    expect(one.items.map((hit) => hit.type).sort()).toEqual(['tracker_item', 'user']);
  });

  it("keeps each product's records to itself", async () => {
    const inB = await b.caller.search.query({ q: 'ada@example.com' });
    expect(inB.items.map((hit) => hit.id)).toEqual([ids.adaB]);
    expect((await b.caller.search.query({ q: 'invite' })).items).toEqual([]);
    expect((await a.caller.search.query({ q: 'dark' })).items).toEqual([]);
    expect((await b.caller.search.query({ q: 'dark' })).items.map((hit) => hit.type)).toEqual([
      'tracker_item',
    ]);
    expect((await a.caller.search.stats()).counts).toMatchObject({ user: 5, tracker_item: 1 });
    expect((await b.caller.search.stats()).counts).toMatchObject({ user: 2, tracker_item: 1 });
  });

  it('answers on the REST face, with the types as a list, and refuses bad input naming the field', async () => {
    const call = restCaller(h);
    const bearer = a.auth.accessToken;
    const response = await call('GET', '/search?q=ada&types=user,tracker_item&limit=1', { bearer });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { type: string }[] };
    expect(body.items.map((hit) => hit.type).sort()).toEqual(['tracker_item', 'user']);
    const bad = await call('GET', '/search?q=ada&types=user,planet', { bearer });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('types');
    await expectFieldError(() => a.caller.search.query({ q: '@.' }), 'q');
    await expectFieldError(() => a.caller.search.query({ q: 'ada', limit: 50 }), 'limit');
  });

  it('refuses anonymous callers and plain users', async () => {
    const call = restCaller(h);
    expect((await call('GET', '/search?q=ada')).status).toBe(401);
    const plain = await h.signIn(['user'], { productId: 'prod-a' });
    expect((await call('GET', '/search?q=ada', { bearer: plain.auth.accessToken })).status).toBe(403);
    expect((await trpcErrorOf(() => plain.caller.search.triggerRebuild())).code).toBe('FORBIDDEN');
  });
});
