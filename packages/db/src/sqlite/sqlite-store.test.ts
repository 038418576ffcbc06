import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDocumentStoreContract } from '../contract/document-store-contract';
import { startBackgroundCheckpoints } from './checkpointer';
import { createSqliteStore } from './sqlite-store';

describeDocumentStoreContract('sqlite (file in a temp dir)', async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-sqlite-'));
  const store = createSqliteStore({ path: join(dir, 'nested', 'store.db'), clock });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeDocumentStoreContract('sqlite (file, WAL checkpoints on a worker thread)', async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'bytelyst-sqlite-'));
  const store = createSqliteStore({ path: join(dir, 'store.db'), clock, checkpoints: 'background' });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeDocumentStoreContract('sqlite (:memory:)', async (clock) => {
  const store = createSqliteStore({ path: ':memory:', clock });
  return { store, cleanup: () => store.close() };
});

describe('sqlite driver specifics', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bytelyst-sqlite-'));
    dirs.push(dir);
    return join(dir, 'store.db');
  };
  const DEF = { name: 'things', partitionKey: ['tenant'], indexes: [['n']] } as const;

  it('uses WAL and builds an expression index per declared index', async () => {
    const path = tempFile();
    const store = createSqliteStore({ path });
    await store.init([DEF]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'things'")
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sql: expect.stringContaining("json_extract(body, '$.n')") }),
      ]),
    );
    db.close();
  });

  it('keeps only the partition-led indexes of a partition-scoped container, dropping an older global one', async () => {
    const path = tempFile();
    const before = createSqliteStore({ path });
    await before.init([DEF]);
    await before.close();
    const store = createSqliteStore({ path });
    await store.init([{ ...DEF, partitionScopedIndexes: true }]);
    const things = store.container<{ id: string; tenant: string; n: number }>(DEF.name);
    await things.batch(
      't',
      [3, 1, 2].map((n) => ({ op: 'create' as const, doc: { id: `d${n}`, tenant: 't', n } })),
    );
    await things.create({ id: 'other', tenant: 'u', n: 0 });
    const inPartition = await things.query({ partitionKey: 't', orderBy: [{ field: 'n' }] });
    expect(inPartition.items.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
    // A cross-partition query still answers, by scanning.
    expect((await things.query({ where: { n: { lte: 1 } }, orderBy: [{ field: 'n' }] })).items).toHaveLength(
      2,
    );
    await store.close();
    const db = new Database(path, { readonly: true });
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'things'")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(names).toContain('things__ix__n__pk');
    expect(names).not.toContain('things__ix__n');
    db.close();
  });

  it('two stores on one file see each other and still conflict on create', async () => {
    const path = tempFile();
    const a = createSqliteStore({ path });
    const b = createSqliteStore({ path });
    await a.init([DEF]);
    await b.init([DEF]);
    await a.container<{ id: string; tenant: string }>(DEF.name).create({ id: 'x', tenant: 't' });
    expect(await b.container(DEF.name).read('x', 't')).toMatchObject({ id: 'x', tenant: 't' });
    await expect(
      b.container<{ id: string; tenant: string }>(DEF.name).create({ id: 'x', tenant: 't' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await a.close();
    await b.close();
  });

  it('reports unavailable after close', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.init([DEF]);
    const things = store.container(DEF.name);
    await store.close();
    await expect(things.read('x', 't')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('copies the WAL back into the database on its worker thread, never inside a commit', async () => {
    const path = tempFile();
    const store = createSqliteStore({ path, checkpoints: 'background' });
    await store.init([DEF]);
    const things = store.container<{ id: string; tenant: string; n: number }>(DEF.name);
    const before = statSync(path).size;
    // About 400 WAL pages: under SQLite's own 1,000-page threshold, so only a checkpoint the worker runs
    // moves them into the database file.
    for (let from = 0; from < 3000; from += 100) {
      await things.batch(
        't',
        Array.from({ length: 100 }, (_, i) => ({
          op: 'upsert' as const,
          doc: { id: `d${from + i}`, tenant: 't', n: i },
        })),
      );
    }
    const deadline = Date.now() + 5000;
    while (statSync(path).size < before + 500_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statSync(path).size).toBeGreaterThan(before + 500_000);
    expect(await things.count()).toBe(3000);
    await store.close();
  });

  it('empties the WAL under writes that never pause, each time it passes the restart threshold', async () => {
    const path = tempFile();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const truncations: number[] = [];
    const checkpointer = startBackgroundCheckpoints(path, {
      intervalMs: 20,
      restartPages: 200,
      onFailure: () => undefined,
      onTruncated: (pages) => truncations.push(pages),
    });
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const write = db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run('x'.repeat(2000));
    });
    // A writer that only yields between commits: PASSIVE checkpoints alone never let SQLite rewind this WAL.
    const deadline = Date.now() + 30_000;
    while (truncations.length < 3 && Date.now() < deadline) {
      write();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(truncations.length).toBeGreaterThanOrEqual(3);
    expect(truncations.every((pages) => pages > 200)).toBe(true);
    await checkpointer.stop();
    db.close();
  });
});
