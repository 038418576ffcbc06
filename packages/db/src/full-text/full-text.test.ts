import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerDef, DocumentStore } from '../document-store';
import { isStoreError } from '../document-store';
import { type CosmosTestServer, startCosmosServer } from '../testing/cosmos-server';
import { storeDrivers } from '../testing/store-drivers';
import type { FullTextDoc, FullTextIndex } from './full-text';

let cosmos: CosmosTestServer | undefined;
beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos?.stop();
});

const INDEX: ContainerDef = {
  name: 'ft_index',
  partitionKey: ['productId'],
  fullText: {
    columns: [
      { name: 'title', weight: 4 },
      { name: 'body', weight: 1 },
    ],
  },
};
const PLAIN: ContainerDef = { name: 'ft_plain', partitionKey: ['productId'] };

const user = (partition: string, id: string, email: string, name: string): FullTextDoc => ({
  partition,
  kind: 'user',
  id,
  owner: id,
  text: { title: email, body: name },
  keys: [email, id],
  data: { email },
});
const item = (partition: string, id: string, title: string, body: string, owner: string | null = null) => ({
  partition,
  kind: 'item',
  id,
  owner,
  text: { title, body },
  keys: [id],
});

const ids = (hits: { doc: { kind: string; id: string } }[]) => hits.map((h) => `${h.doc.kind}:${h.doc.id}`);

describe.each(storeDrivers('fulltext', () => cosmos))('full-text index on %s', (_name, make) => {
  let now = Date.UTC(2026, 5, 1, 12);
  let harness: ReturnType<typeof make>;
  let store: DocumentStore;
  let index: FullTextIndex;

  beforeAll(async () => {
    harness = make(() => now);
    store = harness.store;
    await store.init([INDEX, PLAIN]);
    index = store.fullText(INDEX.name);
    await index.upsert([
      user('p1', 'u1', 'ada@example.com', 'Ada'),
      user('p1', 'u2', 'ada.lovelace@example.com', 'Ada Lovelace'),
      user('p1', 'u3', 'adam@example.com', 'Adam Smith'),
      user('p1', 'u4', 'zoe@example.com', 'Zoë Ådahl'),
      // Mentions the address more often than the user's own entry: BM25 alone could put it higher.
      item('p1', 'i1', 'Invite ada@example.com', 'ada@example.com asked twice: ada@example.com'),
      item('p1', 'i2', 'Dark mode for the editor', 'The editor needs a dark theme'),
      item('p1', 'i3', 'Crash on login', 'The app crashes when the login form opens', 'u3'),
      user('p2', 'v1', 'ada@example.com', 'Ada of product two'),
      item('p2', 'j1', 'Dark mode everywhere', 'dark dark dark'),
    ]);
  });
  afterAll(async () => harness.cleanup());

  it('puts the record whose key equals the query first', async () => {
    const { hits } = await index.search({ partition: 'p1', text: 'ada@example.com', limit: 10 });
    expect(ids(hits)[0]).toBe('user:u1');
    expect(hits[0]?.exact).toBe(true);
    expect(hits.slice(1).every((h) => !h.exact)).toBe(true);
    expect(ids(hits)).toContain('item:i1');
  });

  it('matches the last word as a prefix while typing, and as a word once finished', async () => {
    expect(ids((await index.search({ partition: 'p1', text: 'lovel', limit: 10 })).hits)).toEqual([
      'user:u2',
    ]);
    expect((await index.search({ partition: 'p1', text: 'lovel ', limit: 10 })).hits).toEqual([]);
    expect((await index.search({ partition: 'p1', text: 'lovel', limit: 10, prefix: false })).hits).toEqual(
      [],
    );
    const adas = ids((await index.search({ partition: 'p1', text: 'ada', kinds: ['user'], limit: 10 })).hits);
    // Ådahl reads as adahl.
    expect(adas.sort()).toEqual(['user:u1', 'user:u2', 'user:u3', 'user:u4']);
    const terms = (await index.search({ partition: 'p1', text: 'Dark mo', limit: 10 })).terms;
    expect(terms).toEqual([
      { token: 'dark', prefix: false },
      { token: 'mo', prefix: true },
    ]);
  });

  it('ranks by BM25: a word in the weighted title beats the same word in the body', async () => {
    await index.upsert([
      item('p1', 'i5', 'Editor toolbar', 'Buttons for bold, italic, keyboard'),
      item('p1', 'i4', 'Keyboard shortcuts', 'Work faster in the editor'),
    ]);
    const { hits } = await index.search({ partition: 'p1', text: 'keyboard', limit: 10 });
    expect(ids(hits)).toEqual(['item:i4', 'item:i5']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
    expect(await index.delete('p1', 'item', ['i4', 'i5'])).toBe(2);
  });

  it('reads words without case or diacritics', async () => {
    expect(ids((await index.search({ partition: 'p1', text: 'ZOE adahl', limit: 10 })).hits)).toEqual([
      'user:u4',
    ]);
  });

  it('keeps products apart, in hits and in counts', async () => {
    const { hits } = await index.search({ partition: 'p2', text: 'dark', limit: 10 });
    expect(ids(hits)).toEqual(['item:j1']);
    expect(hits.every((h) => h.doc.partition === 'p2')).toBe(true);
    const exact = await index.search({ partition: 'p2', text: 'ada@example.com', limit: 10 });
    expect(ids(exact.hits)).toEqual(['user:v1']);
    expect(await index.count('p1', ['user', 'item', 'none'])).toEqual({ user: 4, item: 3, none: 0 });
    expect(await index.count('p2', ['user', 'item'])).toEqual({ user: 1, item: 1 });
  });

  it('filters by kind and limits each kind', async () => {
    const items = await index.search({ partition: 'p1', text: 'ada', kinds: ['item'], limit: 10 });
    expect(ids(items.hits)).toEqual(['item:i1']);
    const one = await index.search({ partition: 'p1', text: 'example', kinds: ['user', 'item'], limit: 1 });
    expect(one.hits.map((h) => h.doc.kind).sort()).toEqual(['item', 'user']);
  });

  it('replaces a record written again, and forgets removed ones', async () => {
    now += 1000;
    await index.upsert([item('p1', 'i2', 'Light mode for the editor', 'Bright theme')]);
    expect(ids((await index.search({ partition: 'p1', text: 'dark', limit: 10 })).hits)).toEqual([]);
    const light = await index.search({ partition: 'p1', text: 'light', limit: 10 });
    expect(ids(light.hits)).toEqual(['item:i2']);
    expect(light.hits[0]?.doc).toMatchObject({
      text: { title: 'Light mode for the editor' },
      indexedAt: now,
    });
    expect(await index.delete('p1', 'item', ['i2', 'missing'])).toBe(1);
    expect((await index.search({ partition: 'p1', text: 'light', limit: 10 })).hits).toEqual([]);
    expect(await index.count('p1', ['item'])).toEqual({ item: 2 });
  });

  it("removes an owner's records, and what a rebuild did not reach", async () => {
    expect(await index.deleteWhere('p1', { owner: 'u3', kinds: ['user', 'item'] })).toBe(2);
    expect(ids((await index.search({ partition: 'p1', text: 'adam', limit: 10 })).hits)).toEqual([]);
    expect(ids((await index.search({ partition: 'p1', text: 'crash', limit: 10 })).hits)).toEqual([]);
    const started = now + 1;
    now += 5;
    await index.upsert([user('p1', 'u1', 'ada@example.com', 'Ada')]);
    expect(await index.deleteWhere('p1', { kinds: ['user'], indexedBefore: started })).toBe(2);
    expect(await index.count('p1', ['user', 'item'])).toEqual({ user: 1, item: 1 });
    expect(await index.count('p2', ['user'])).toEqual({ user: 1 });
  });

  it('refuses what it cannot hold, and is not a container', async () => {
    const refused = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return 'accepted';
      } catch (error) {
        return isStoreError(error, 'invalid') ? 'invalid' : String(error);
      }
    };
    expect(await refused(() => index.upsert([{ ...item('p1', 'x', 'a', 'b'), kind: 'Bad Kind' }]))).toBe(
      'invalid',
    );
    expect(await refused(() => index.upsert([{ ...item('p1', 'x', 'a', 'b'), text: { other: 'x' } }]))).toBe(
      'invalid',
    );
    expect(await refused(async () => store.container(INDEX.name))).toBe('invalid');
    expect(await refused(async () => store.fullText(PLAIN.name))).toBe('invalid');
  });
});
