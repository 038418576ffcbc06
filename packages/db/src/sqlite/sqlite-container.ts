/**
 * One container of the sqlite driver: a table (id, pk, body JSON, etag, ts, expires_at) with primary key
 * (pk, id). Writes are synchronous inside better-sqlite3, so a batch is one SQLite transaction.
 */
import type Database from 'better-sqlite3';
import { afterCommit, assertOutbox, completeContainer } from '../commit';
import type {
  BaseDoc,
  BatchOperation,
  BulkDoc,
  Clock,
  Container,
  ContainerDef,
  OutboxEntry,
  Page,
  Query,
  ReplaceOptions,
  ScannedDoc,
  Stored,
} from '../document-store';
import { StoreError } from '../document-store';
import {
  assertBatchSize,
  assertId,
  assertOrderBy,
  partitionKeyOf,
  resolveLimit,
  scanPageSize,
  stamp,
} from '../driver-common';
import { decodeSqliteCursor, encodeSqliteCursor } from './cursor';
import {
  afterSql,
  type Fragment,
  filterSql,
  orderSql,
  type SqlValue,
  sortKeys,
  valueExpr,
} from './sql-builder';

export type SqliteCtx = {
  db: Database.Database;
  clock: Clock;
  prepare(sql: string): Database.Statement;
  /** Runs fn, turning better-sqlite3 errors into StoreError. */
  guard<R>(fn: () => R): R;
  /** Creates an outbox entry in its container, inside the caller's transaction. */
  createEntry(entry: OutboxEntry): Stored<BaseDoc>;
  /** A declared container; throws `invalid` for any other name. */
  containerOf(name: string): Container<BaseDoc>;
};

/** A container plus the synchronous create that another container's transaction uses for outbox entries. */
export type SqliteContainer<T extends BaseDoc> = Container<T> & {
  createSync(doc: T, ttl?: number): Stored<T>;
};

const LIVE = '(expires_at IS NULL OR expires_at > ?)';

export function tableName(def: ContainerDef): string {
  return `"${def.name}"`;
}

/** DDL for a container: the table, the expiry index, an id index, and expression indexes per declared index. */
export function containerDdl(def: ContainerDef): string[] {
  const t = tableName(def);
  const stmts = [
    `CREATE TABLE IF NOT EXISTS ${t} (id TEXT NOT NULL, pk TEXT NOT NULL, body TEXT NOT NULL, etag TEXT NOT NULL, ts INTEGER NOT NULL, expires_at INTEGER, PRIMARY KEY (pk, id))`,
    `CREATE INDEX IF NOT EXISTS "${def.name}__expires_at" ON ${t} (expires_at) WHERE expires_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS "${def.name}__id" ON ${t} (id)`,
  ];
  for (const fields of def.indexes ?? []) {
    if (fields.length === 0) continue;
    const exprs = fields.map(valueExpr);
    const ixName = `${def.name}__ix__${fields.join('__').replaceAll('.', '_')}`;
    // Partition-scoped queries (the common case) filter and sort inside one pk; cross-partition ones need
    // the field first (for example a session found by its token hash without knowing the user), unless the
    // container promises it never asks them.
    stmts.push(
      def.partitionScopedIndexes
        ? `DROP INDEX IF EXISTS "${ixName}"`
        : `CREATE INDEX IF NOT EXISTS "${ixName}" ON ${t} (${exprs.join(', ')}, id)`,
    );
    stmts.push(`CREATE INDEX IF NOT EXISTS "${ixName}__pk" ON ${t} (pk, ${exprs.join(', ')}, id)`);
  }
  return stmts;
}

type Row = { body: string } & Record<string, SqlValue>;

export function createSqliteContainer<T extends BaseDoc>(
  ctx: SqliteCtx,
  def: ContainerDef,
): SqliteContainer<T> {
  const t = tableName(def);
  const { clock, guard } = ctx;
  const sql = {
    read: `SELECT body FROM ${t} WHERE pk = ? AND id = ? AND ${LIVE}`,
    create: `INSERT INTO ${t} (id, pk, body, etag, ts, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (pk, id) DO UPDATE SET body = excluded.body, etag = excluded.etag, ts = excluded.ts,
      expires_at = excluded.expires_at WHERE ${t}.expires_at IS NOT NULL AND ${t}.expires_at <= ?`,
    upsert: `INSERT INTO ${t} (id, pk, body, etag, ts, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (pk, id) DO UPDATE SET body = excluded.body, etag = excluded.etag, ts = excluded.ts,
      expires_at = excluded.expires_at`,
    replace: `UPDATE ${t} SET body = ?, etag = ?, ts = ?, expires_at = ?
      WHERE pk = ? AND id = ? AND ${LIVE} AND (? IS NULL OR etag = ?)`,
    delete: `DELETE FROM ${t} WHERE pk = ? AND id = ? AND ${LIVE} AND (? IS NULL OR etag = ?)`,
    // Keyset paging on the primary key: each page starts where the last ended, whatever the table's size.
    scanFirst: `SELECT id, pk, body, expires_at FROM ${t} WHERE ${LIVE} ORDER BY pk, id LIMIT ?`,
    scanNext: `SELECT id, pk, body, expires_at FROM ${t} WHERE ${LIVE} AND (pk, id) > (?, ?) ORDER BY pk, id LIMIT ?`,
  };

  const readSync = (id: string, pk: string): Stored<T> | undefined => {
    const row = ctx.prepare(sql.read).get(pk, id, clock()) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Stored<T>) : undefined;
  };

  const write = (kind: 'create' | 'upsert', doc: T, ttl: number | undefined): Stored<T> => {
    const s = stamp(def, doc, ttl, clock);
    const args: SqlValue[] = [s.doc.id, s.pk, JSON.stringify(s.doc), s.doc._etag, s.doc._ts, s.expiresAt];
    if (kind === 'create') args.push(clock());
    const info = ctx.prepare(sql[kind]).run(...args);
    if (info.changes === 0) throw new StoreError('conflict', `${def.name}/${s.doc.id} already exists`);
    return s.doc;
  };

  const replaceSync = (doc: T, options: ReplaceOptions | undefined): Stored<T> => {
    const s = stamp(def, doc, options?.ttl, clock);
    const ifMatch = options?.ifMatch ?? null;
    const info = ctx
      .prepare(sql.replace)
      .run(
        JSON.stringify(s.doc),
        s.doc._etag,
        s.doc._ts,
        s.expiresAt,
        s.pk,
        s.doc.id,
        clock(),
        ifMatch,
        ifMatch,
      );
    if (info.changes > 0) return s.doc;
    if (!readSync(s.doc.id, s.pk)) throw new StoreError('not_found', `${def.name}/${s.doc.id} not found`);
    throw new StoreError('precondition_failed', `${def.name}/${s.doc.id} has changed (etag mismatch)`);
  };

  const deleteSync = (id: string, pk: string, ifMatch: string | undefined, mustExist: boolean): boolean => {
    assertId(id);
    const m = ifMatch ?? null;
    const info = ctx.prepare(sql.delete).run(pk, id, clock(), m, m);
    if (info.changes > 0) return true;
    if (readSync(id, pk))
      throw new StoreError('precondition_failed', `${def.name}/${id} has changed (etag mismatch)`);
    if (mustExist) throw new StoreError('not_found', `${def.name}/${id} not found`);
    return false;
  };

  const whereOf = (query: Pick<Query<T>, 'partitionKey' | 'where'> | undefined): Fragment => {
    const parts: Fragment[] = [{ sql: LIVE, params: [clock()] }];
    if (query?.partitionKey !== undefined) parts.push({ sql: 'pk = ?', params: [query.partitionKey] });
    parts.push(...filterSql(query?.where));
    return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
  };

  const querySync = (query: Query<T> | undefined): Page<Stored<T>> => {
    const limit = resolveLimit(query?.limit);
    assertOrderBy(def, query?.orderBy);
    const keys = sortKeys(query?.orderBy);
    const where = whereOf(query);
    if (query?.continuation !== undefined && query.continuation !== null) {
      const after = afterSql(keys, decodeSqliteCursor(keys, query.continuation));
      where.sql += ` AND ${after.sql}`;
      where.params.push(...after.params);
    }
    const cols = keys.map((k, i) => `${k.expr} AS s${i}`).join(', ');
    const text = `SELECT body, ${cols} FROM ${t} WHERE ${where.sql} ORDER BY ${orderSql(keys)} LIMIT ?`;
    const rows = ctx.prepare(text).all(...where.params, limit + 1) as Row[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    const continuation =
      more && last
        ? encodeSqliteCursor(
            keys,
            keys.map((_, i) => last[`s${i}`] ?? null),
          )
        : null;
    return { items: page.map((r) => JSON.parse(r.body) as Stored<T>), continuation };
  };

  const batchOp = (pk: string, op: BatchOperation<T>): Stored<T> | undefined => {
    if (op.op === 'delete') {
      deleteSync(op.id, pk, op.ifMatch, true);
      return undefined;
    }
    if (partitionKeyOf(def, op.doc) !== pk) {
      throw new StoreError('invalid', `Batch document ${op.doc.id} is outside partition ${pk}`);
    }
    if (op.op === 'replace') return replaceSync(op.doc, { ifMatch: op.ifMatch, ttl: op.ttl });
    return write(op.op, op.doc, op.ttl);
  };

  type ScanRow = { id: string; pk: string; body: string; expires_at: number | null };
  async function* scan(size: number | undefined): AsyncGenerator<ScannedDoc<T>[]> {
    const pageSize = scanPageSize(size);
    let after: ScanRow | undefined;
    for (;;) {
      const last = after;
      const rows = guard(
        () =>
          (last
            ? ctx.prepare(sql.scanNext).all(clock(), last.pk, last.id, pageSize)
            : ctx.prepare(sql.scanFirst).all(clock(), pageSize)) as ScanRow[],
      );
      if (rows.length > 0) {
        yield rows.map((row) => ({
          doc: JSON.parse(row.body) as Stored<T>,
          partitionKey: row.pk,
          expiresAt: row.expires_at,
        }));
      }
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1];
    }
  }

  const container = completeContainer<T>({
    def,
    partitionKeyOf: (doc) => partitionKeyOf(def, doc),
    create: async (doc, options) => guard(() => write('create', doc, options?.ttl)),
    read: async (id, pk) => guard(() => readSync(assertId(id), pk)),
    upsert: async (doc, options) => guard(() => write('upsert', doc, options?.ttl)),
    replace: async (doc, options) => guard(() => replaceSync(doc, options)),
    delete: async (id, pk, options) => guard(() => deleteSync(id, pk, options?.ifMatch, false)),
    query: async (query) => guard(() => querySync(query)),
    count: async (query) =>
      guard(() => {
        const where = whereOf(query);
        const row = ctx.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE ${where.sql}`).get(...where.params);
        return (row as { n: number }).n;
      }),
    batch: async (pk, operations, options) => {
      const { written, entries } = guard(() => {
        assertBatchSize(operations.length);
        assertOutbox(options?.outbox, ctx.containerOf);
        const run = ctx.db.transaction(() => {
          const out: Stored<T>[] = [];
          for (const op of operations) {
            const doc = batchOp(pk, op);
            if (doc) out.push(doc);
          }
          const stored = (options?.outbox?.entries ?? []).map((entry) => ctx.createEntry(entry));
          return { written: out, entries: stored };
        });
        return run();
      });
      afterCommit(options?.outbox, entries);
      return written;
    },
    scan: (options) => scan(options?.pageSize),
    // One transaction for the lot: the caller sizes the chunks (a restore writes a few thousand at a time).
    bulkWrite: async (docs: readonly BulkDoc<T>[], options) =>
      guard(() => {
        const mode = options?.mode ?? 'upsert';
        ctx.db.transaction(() => {
          for (const entry of docs) write(mode, entry.doc, entry.ttl);
        })();
        return docs.length;
      }),
    clear: async () =>
      guard(() =>
        ctx.db.transaction(() => {
          const live = ctx.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE ${LIVE}`).get(clock()) as {
            n: number;
          };
          ctx.prepare(`DELETE FROM ${t}`).run();
          return live.n;
        })(),
      ),
  });
  return {
    ...container,
    createSync: (doc, ttl) => write('create', doc, ttl),
  };
}

/** Deletes this container's expired rows; returns how many went. */
export function purgeContainer(ctx: SqliteCtx, def: ContainerDef): number {
  const info = ctx
    .prepare(`DELETE FROM ${tableName(def)} WHERE expires_at IS NOT NULL AND expires_at <= ?`)
    .run(ctx.clock());
  return info.changes;
}
