import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerDef, DocumentStore } from '../document-store';
import type { FullTextDoc } from '../full-text/full-text';
import { tokenize } from '../full-text/tokenize';
import { createSqliteStore } from './sqlite-store';

const INDEX: ContainerDef = {
  name: 'bm25_check',
  partitionKey: ['productId'],
  fullText: {
    columns: [
      { name: 'title', weight: 4 },
      { name: 'body', weight: 1 },
    ],
  },
};
const WORDS = ['crash', 'login', 'dark', 'mode', 'editor', 'sync', 'offline', 'export', 'slow', 'theme'];

describe('sqlite full-text ranking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-bm25-'));
  let store: DocumentStore;
  let reference: Database.Database;
  const docs: FullTextDoc[] = [];

  beforeAll(async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = (n: number) =>
      Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    for (let i = 0; i < 60; i++) {
      docs.push({
        partition: 'p1',
        kind: 'item',
        id: `i${i}`,
        owner: null,
        text: { title: words(2 + Math.floor(next() * 4)), body: words(3 + Math.floor(next() * 20)) },
      });
    }
    store = createSqliteStore({ path: join(dir, 'index.db') });
    await store.init([INDEX]);
    await store.fullText(INDEX.name).upsert(docs);
    // SQLite's own bm25() over the same words, in a table of its own (detail=full: true term frequencies).
    reference = new Database(':memory:');
    reference.exec('CREATE VIRTUAL TABLE ref USING fts5(title, body)');
    const insert = reference.prepare('INSERT INTO ref (rowid, title, body) VALUES (?, ?, ?)');
    docs.forEach((doc, i) => {
      insert.run(i, tokenize(doc.text.title ?? '').join(' '), tokenize(doc.text.body ?? '').join(' '));
    });
  });
  afterAll(async () => {
    reference.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['crash', 'dark mode', 'sync offline export', 'editor theme slow'])(
    'scores "%s" as FTS5 bm25() does',
    async (text) => {
      const { hits } = await store
        .fullText(INDEX.name)
        .search({ partition: 'p1', text, limit: 100, prefix: false });
      const expected = reference
        .prepare(
          'SELECT rowid, bm25(ref, 4.0, 1.0) AS score FROM ref WHERE ref MATCH ? ORDER BY score, rowid',
        )
        .all(text.split(' ').join(' AND ')) as { rowid: number; score: number }[];
      expect(expected.length).toBeGreaterThan(0);
      expect(hits).toHaveLength(expected.length);
      const ours = new Map(hits.map((hit) => [hit.doc.id, hit.score]));
      for (const row of expected) expect(ours.get(`i${row.rowid}`)).toBeCloseTo(-row.score, 9);
    },
  );
});
