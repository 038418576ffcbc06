/**
 * The embedded DocumentStore driver: better-sqlite3 in WAL mode, one table per container.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BaseDoc, Clock, Container, ContainerDef, DocumentStore } from '../document-store';
import { StoreError, systemClock } from '../document-store';
import { assertContainerName, assertField, startPurgeTimer } from '../driver-common';
import type { FullTextIndex } from '../full-text/full-text';
import { type Checkpointer, startBackgroundCheckpoints } from './checkpointer';
import {
  containerDdl,
  createSqliteContainer,
  purgeContainer,
  type SqliteContainer,
  type SqliteCtx,
} from './sqlite-container';
import { createSqliteFullText, fullTextDdl } from './sqlite-full-text';

export type SqliteStoreOptions = {
  /** A file path (its folder is created) or ':memory:'. */
  path: string;
  clock?: Clock;
  /**
   * 'background': WAL checkpoints on a worker thread every 250 ms instead of inside commits, emptying the WAL
   * once it passes 4,000 pages (see checkpointer.ts); for a long-running server on a file. Default 'inline'
   * (SQLite's own).
   */
  checkpoints?: 'inline' | 'background';
  /**
   * Pages kept in memory per connection, in MB. Default 64 (SQLite's own is 2): the full-text index's
   * B-trees are written and read all over, and a cache this size makes a bulk index several times faster.
   */
  cacheMb?: number;
};

const STATEMENT_CACHE_SIZE = 500;

const UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
]);

/** Maps a better-sqlite3 error to StoreError; StoreErrors pass through. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof Database.SqliteError) {
    const base = error.code.split('_').slice(0, 2).join('_');
    if (base === 'SQLITE_CONSTRAINT') return new StoreError('conflict', error.message, { cause: error });
    if (UNAVAILABLE.has(base)) return new StoreError('unavailable', error.message, { cause: error });
    return new StoreError('invalid', error.message, { cause: error });
  }
  if (error instanceof TypeError && /not open/.test(error.message)) {
    return new StoreError('unavailable', error.message, { cause: error });
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    return new StoreError('invalid', error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError('unavailable', message, { cause: error });
}

export function createSqliteStore(opts: SqliteStoreOptions): DocumentStore {
  const clock = opts.clock ?? systemClock;
  if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(opts.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${Math.round((opts.cacheMb ?? 64) * 1024)}`);
  } catch (error) {
    throw toStoreError(error);
  }

  // Statements are compiled once per SQL text; a small LRU bounds the query shapes kept alive.
  const statements = new Map<string, Database.Statement>();
  const defs = new Map<string, ContainerDef>();
  const containers = new Map<string, SqliteContainer<BaseDoc>>();
  const containerOf = (name: string): SqliteContainer<BaseDoc> => {
    const existing = containers.get(name);
    if (existing) return existing;
    const def = defs.get(name);
    if (!def) throw new StoreError('invalid', `Container ${name} was not declared in init()`);
    if (def.fullText) throw new StoreError('invalid', `${name} is a full-text index: use fullText()`);
    const created = createSqliteContainer<BaseDoc>(ctx, def);
    containers.set(name, created);
    return created;
  };
  const ctx: SqliteCtx = {
    db,
    clock,
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const stmt = db.prepare(sql);
      statements.set(sql, stmt);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return stmt;
    },
    guard(fn) {
      try {
        return fn();
      } catch (error) {
        throw toStoreError(error);
      }
    },
    createEntry: (entry) => containerOf(entry.container).createSync(entry.doc, entry.ttl),
    containerOf: (name) => containerOf(name),
  };

  const indexes = new Map<string, FullTextIndex>();
  const fullTextOf = (name: string): FullTextIndex => {
    const existing = indexes.get(name);
    if (existing) return existing;
    const def = defs.get(name);
    if (!def?.fullText) throw new StoreError('invalid', `Full-text index ${name} was not declared in init()`);
    const created = createSqliteFullText(ctx, def);
    indexes.set(name, created);
    return created;
  };

  let stopPurge: (() => void) | undefined;
  let checkpointer: Checkpointer | undefined;
  if (opts.checkpoints === 'background' && opts.path !== ':memory:') {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startBackgroundCheckpoints(opts.path, {
      intervalMs: 250,
      // Never let the WAL grow unchecked: the main connection checkpoints again as SQLite does by default.
      onFailure: () => {
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      },
    });
  }

  const purgeExpired = async (): Promise<number> =>
    ctx.guard(() => {
      let total = 0;
      for (const def of defs.values()) if (!def.fullText) total += purgeContainer(ctx, def);
      return total;
    });

  return {
    driver: 'sqlite',
    async init(newDefs) {
      ctx.guard(() => {
        for (const def of newDefs) {
          assertContainerName(def.name);
          for (const field of [...def.partitionKey, ...(def.indexes ?? []).flat()]) assertField(field);
          if (def.partitionKey.length === 0)
            throw new StoreError('invalid', `${def.name} needs a partition key`);
        }
        db.transaction(() => {
          for (const def of newDefs) {
            for (const stmt of def.fullText ? fullTextDdl(def) : containerDdl(def)) db.exec(stmt);
          }
        })();
        for (const def of newDefs) {
          defs.set(def.name, def);
          containers.delete(def.name);
          indexes.delete(def.name);
        }
      });
      stopPurge ??= startPurgeTimer(purgeExpired);
    },
    declared: () => [...defs.values()],
    container: <T extends BaseDoc>(name: string) => containerOf(name) as unknown as Container<T>,
    fullText: fullTextOf,
    purgeExpired,
    // Outbox entries commit in the transaction of their change: nothing is ever left to relay.
    relayOutbox: async () => 0,
    async ping() {
      ctx.guard(() => db.prepare('SELECT 1').get());
    },
    async close() {
      stopPurge?.();
      stopPurge = undefined;
      await checkpointer?.stop();
      checkpointer = undefined;
      statements.clear();
      if (db.open) db.close();
    },
  };
}
