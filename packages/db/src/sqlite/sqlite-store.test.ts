import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDocumentStoreContract } from '../contract/document-store-contract';
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

  it('two stores on one file see each other and still conflict on create', async () => {
    const path = tempFile();
    const a = createSqliteStore({ path });
    const b = createSqliteStore({ path });
    await a.init([DEF]);
    await b.init([DEF]);
    await a.container<{ id: string; tenant: string }>(DEF.name).create({ id: 'x', tenant: 't' });
    expect(await b.container(DEF.name).read('x', 't')).toBeDefined();
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
});
