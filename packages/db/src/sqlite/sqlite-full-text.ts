/**
 * The full-text index on sqlite: a table of documents (`<name>`), their exact keys (`<name>__keys`), kept
 * statistics per partition, kind and term (`<name>__stats`), and one FTS5 table per kind (`<name>__fts_<kind>`,
 * made on the kind's first write). The FTS5 tables are contentless: they hold the tokenizer's words
 * (tokenize.ts) joined by spaces, so FTS5 matches exactly the words the statistics and the highlighter see;
 * the original text stays in the document table. One table per kind keeps a kind's candidates from being
 * crowded out by another's (a user named Ada among ten thousand audit entries of admin ada@...).
 */
import type { ContainerDef } from '../document-store';
import { StoreError } from '../document-store';
import {
  assertFullTextDoc,
  assertKind,
  CANDIDATES_PER_KIND,
  type FullTextDoc,
  type FullTextIndex,
  type FullTextWhere,
  fullTextSpecOf,
  type IndexedDoc,
  type QueryTerm,
} from '../full-text/full-text';
import { type Candidate, type KindStats, mergeKinds, rankKind } from '../full-text/rank';
import { parseQuery, tokenize } from '../full-text/tokenize';
import type { SqliteCtx } from './sqlite-container';

type Row = {
  rid: number;
  pk: string;
  kind: string;
  id: string;
  owner: string | null;
  body: string;
  len: number;
  indexed_at: number;
};
type Body = { text: Record<string, string>; keys: string[]; data: Record<string, unknown> };

/** The totals row of a partition and kind in the statistics: `df` documents, `tokens` their words. */
const TOTALS = '';
/** A prefix with at most this many completions in a kind is matched as those words. */
const MAX_COMPLETIONS = 8;
/** Above every character, so `term < prefix + TOP` bounds the terms that start with `prefix`. */
const TOP = '\u{10FFFF}';
const DELETE_BATCH = 500;

const names = (def: ContainerDef) => ({
  docs: `"${def.name}"`,
  keys: `"${def.name}__keys"`,
  stats: `"${def.name}__stats"`,
  ftsPrefix: `${def.name}__fts_`,
  fts: (kind: string) => `"${def.name}__fts_${assertKind(kind)}"`,
});

export function fullTextDdl(def: ContainerDef): string[] {
  fullTextSpecOf(def);
  const n = names(def);
  return [
    `CREATE TABLE IF NOT EXISTS ${n.docs} (rid INTEGER PRIMARY KEY, pk TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, owner TEXT, body TEXT NOT NULL, len INTEGER NOT NULL, indexed_at INTEGER NOT NULL, UNIQUE (pk, kind, id))`,
    `CREATE INDEX IF NOT EXISTS "${def.name}__owner" ON ${n.docs} (pk, owner) WHERE owner IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${n.keys} (pk TEXT NOT NULL, key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (pk, key, rid)) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS ${n.stats} (pk TEXT NOT NULL, kind TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL, tokens INTEGER NOT NULL, PRIMARY KEY (pk, kind, term)) WITHOUT ROWID`,
  ];
}

const keysOf = (doc: FullTextDoc) => [...new Set((doc.keys ?? []).map((k) => k.trim().toLowerCase()))];

export function createSqliteFullText(ctx: SqliteCtx, def: ContainerDef): FullTextIndex {
  const spec = fullTextSpecOf(def);
  const n = names(def);
  const { db, prepare, guard } = ctx;
  const cols = spec.columns.map((_, i) => `c${i}`);

  let kinds: Set<string> | undefined;
  const knownKinds = (): Set<string> => {
    if (kinds) return kinds;
    const rows = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
      .all() as { name: string }[];
    kinds = new Set(
      rows.filter((r) => r.name.startsWith(n.ftsPrefix)).map((r) => r.name.slice(n.ftsPrefix.length)),
    );
    return kinds;
  };
  const ensureKind = (kind: string) => {
    const known = knownKinds();
    if (known.has(kind)) return;
    // Prefix indexes of 2 and 3 letters answer type-ahead without expanding every term; `detail=column` is
    // enough, as ranking counts words itself and phrases are never asked for.
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${n.fts(kind)} USING fts5(${cols.join(', ')}, content='', contentless_delete=1, tokenize='unicode61', prefix='2 3', detail=column)`,
    );
    known.add(kind);
  };

  /** Statistics changes of one transaction, written once per term at its end. */
  const newDeltas = () =>
    new Map<string, { pk: string; kind: string; term: string; df: number; tokens: number }>();
  type Deltas = ReturnType<typeof newDeltas>;
  const count = (
    deltas: Deltas,
    pk: string,
    kind: string,
    terms: Iterable<string>,
    sign: 1 | -1,
    len: number,
  ) => {
    const add = (term: string, df: number, tokens: number) => {
      const key = `${pk}\u0000${kind}\u0000${term}`;
      const entry = deltas.get(key) ?? { pk, kind, term, df: 0, tokens: 0 };
      entry.df += df;
      entry.tokens += tokens;
      deltas.set(key, entry);
    };
    for (const term of terms) add(term, sign, 0);
    add(TOTALS, sign, sign * len);
  };
  const flush = (deltas: Deltas) => {
    const upsert = prepare(
      `INSERT INTO ${n.stats} (pk, kind, term, df, tokens) VALUES (?, ?, ?, ?, ?) ON CONFLICT (pk, kind, term) DO UPDATE SET df = df + excluded.df, tokens = tokens + excluded.tokens`,
    );
    const prune = prepare(`DELETE FROM ${n.stats} WHERE pk = ? AND kind = ? AND term = ? AND df <= 0`);
    for (const d of deltas.values()) {
      if (d.df === 0 && d.tokens === 0) continue;
      upsert.run(d.pk, d.kind, d.term, d.df, d.tokens);
      if (d.df < 0) prune.run(d.pk, d.kind, d.term);
    }
  };

  const columnTokens = (text: Readonly<Record<string, string>>) =>
    spec.columns.map((c) => tokenize(text[c.name] ?? ''));

  const unindex = (row: Row, deltas: Deltas) => {
    const body = JSON.parse(row.body) as Body;
    count(deltas, row.pk, row.kind, new Set(columnTokens(body.text).flat()), -1, row.len);
    const dropKey = prepare(`DELETE FROM ${n.keys} WHERE pk = ? AND key = ? AND rid = ?`);
    for (const key of body.keys) dropKey.run(row.pk, key, row.rid);
    prepare(`DELETE FROM ${n.fts(row.kind)} WHERE rowid = ?`).run(row.rid);
  };

  const write = (doc: FullTextDoc, deltas: Deltas) => {
    const tokens = columnTokens(doc.text);
    const len = tokens.reduce((sum, list) => sum + list.length, 0);
    const keys = keysOf(doc);
    const body = JSON.stringify({ text: doc.text, keys, data: doc.data ?? {} } satisfies Body);
    const existing = prepare(`SELECT * FROM ${n.docs} WHERE pk = ? AND kind = ? AND id = ?`).get(
      doc.partition,
      doc.kind,
      doc.id,
    ) as Row | undefined;
    let rid: number;
    if (existing && existing.body === body && existing.owner === doc.owner) {
      // Unchanged (most of a rebuild): only the time it was last confirmed moves.
      prepare(`UPDATE ${n.docs} SET indexed_at = ? WHERE rid = ?`).run(ctx.clock(), existing.rid);
      return;
    }
    if (existing) {
      unindex(existing, deltas);
      prepare(`UPDATE ${n.docs} SET owner = ?, body = ?, len = ?, indexed_at = ? WHERE rid = ?`).run(
        doc.owner,
        body,
        len,
        ctx.clock(),
        existing.rid,
      );
      rid = existing.rid;
    } else {
      const info = prepare(
        `INSERT INTO ${n.docs} (pk, kind, id, owner, body, len, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(doc.partition, doc.kind, doc.id, doc.owner, body, len, ctx.clock());
      rid = Number(info.lastInsertRowid);
    }
    prepare(
      `INSERT INTO ${n.fts(doc.kind)} (rowid, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
    ).run(rid, ...tokens.map((list) => list.join(' ')));
    const addKey = prepare(`INSERT OR IGNORE INTO ${n.keys} (pk, key, rid) VALUES (?, ?, ?)`);
    for (const key of keys) addKey.run(doc.partition, key, rid);
    count(deltas, doc.partition, doc.kind, new Set(tokens.flat()), 1, len);
  };

  const removeRows = (rows: readonly Row[]) => {
    for (let i = 0; i < rows.length; i += DELETE_BATCH) {
      db.transaction(() => {
        const deltas = newDeltas();
        for (const row of rows.slice(i, i + DELETE_BATCH)) {
          unindex(row, deltas);
          prepare(`DELETE FROM ${n.docs} WHERE rid = ?`).run(row.rid);
        }
        flush(deltas);
      })();
    }
    return rows.length;
  };

  const toIndexed = (row: Row): Candidate => {
    const body = JSON.parse(row.body) as Body;
    const doc: IndexedDoc = {
      partition: row.pk,
      kind: row.kind,
      id: row.id,
      owner: row.owner,
      text: body.text,
      keys: body.keys,
      data: body.data,
      indexedAt: row.indexed_at,
    };
    return { doc, len: row.len };
  };

  /**
   * A kind's statistics for the query, and its FTS5 expression: each word as itself, a prefix as the words of
   * the kind that complete it when there are few (an OR of words is read lazily, while FTS5 gathers every
   * completion's postings of a prefix up front), else as a prefix. No expression when a term matches nothing.
   */
  const plan = (
    pk: string,
    kind: string,
    terms: readonly QueryTerm[],
  ): { stats: KindStats; match: string | null } => {
    const totals = prepare(`SELECT df, tokens FROM ${n.stats} WHERE pk = ? AND kind = ? AND term = ?`).get(
      pk,
      kind,
      TOTALS,
    ) as { df: number; tokens: number } | undefined;
    const exact = prepare(`SELECT df FROM ${n.stats} WHERE pk = ? AND kind = ? AND term = ?`);
    const completions = prepare(
      `SELECT term, df FROM ${n.stats} WHERE pk = ? AND kind = ? AND term >= ? AND term < ? LIMIT ${MAX_COMPLETIONS + 1}`,
    );
    const prefixSum = prepare(
      `SELECT coalesce(sum(df), 0) AS df FROM ${n.stats} WHERE pk = ? AND kind = ? AND term >= ? AND term < ?`,
    );
    const df: number[] = [];
    const parts: string[] = [];
    for (const term of terms) {
      if (!term.prefix) {
        df.push((exact.get(pk, kind, term.token) as { df: number } | undefined)?.df ?? 0);
        parts.push(`"${term.token}"`);
        continue;
      }
      const upper = `${term.token}${TOP}`;
      const found = completions.all(pk, kind, term.token, upper) as { term: string; df: number }[];
      if (found.length <= MAX_COMPLETIONS) {
        df.push(found.reduce((sum, row) => sum + row.df, 0));
        parts.push(`(${found.map((row) => `"${row.term}"`).join(' OR ')})`);
      } else {
        df.push((prefixSum.get(pk, kind, term.token, upper) as { df: number }).df);
        parts.push(`"${term.token}"*`);
      }
    }
    const stats = { docs: totals?.df ?? 0, tokens: totals?.tokens ?? 0, df };
    return { stats, match: terms.length > 0 && df.every((d) => d > 0) ? parts.join(' AND ') : null };
  };

  return {
    upsert: async (docs) =>
      guard(() => {
        for (const doc of docs) assertFullTextDoc(spec, doc);
        for (const kind of new Set(docs.map((d) => d.kind))) ensureKind(kind);
        db.transaction(() => {
          const deltas = newDeltas();
          for (const doc of docs) write(doc, deltas);
          flush(deltas);
        })();
      }),

    delete: async (partition, kind, ids) =>
      guard(() => {
        assertKind(kind);
        if (!knownKinds().has(kind)) return 0;
        const get = prepare(`SELECT * FROM ${n.docs} WHERE pk = ? AND kind = ? AND id = ?`);
        const rows = ids
          .map((id) => get.get(partition, kind, id) as Row | undefined)
          .filter((r) => r !== undefined);
        return removeRows(rows);
      }),

    deleteWhere: async (partition, where: FullTextWhere) =>
      guard(() => {
        const clauses = ['pk = ?'];
        const params: (string | number)[] = [partition];
        if (where.owner !== undefined) {
          clauses.push('owner = ?');
          params.push(where.owner);
        }
        if (where.indexedBefore !== undefined) {
          clauses.push('indexed_at < ?');
          params.push(where.indexedBefore);
        }
        if (where.kinds) {
          if (where.kinds.length === 0) return 0;
          clauses.push(`kind IN (${where.kinds.map(() => '?').join(', ')})`);
          params.push(...where.kinds.map(assertKind));
        }
        const rows = db
          .prepare(`SELECT * FROM ${n.docs} WHERE ${clauses.join(' AND ')}`)
          .all(...params) as Row[];
        return removeRows(rows);
      }),

    search: async (query) =>
      guard(() => {
        if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) {
          throw new StoreError('invalid', 'limit must be an integer in 1..100');
        }
        const terms = parseQuery(query.text, query.prefix ?? true);
        const wanted = [...(query.kinds ?? knownKinds())].map(assertKind);
        const key = query.text.trim().toLowerCase();
        const exactRows = key
          ? (prepare(
              `SELECT d.* FROM ${n.keys} k JOIN ${n.docs} d ON d.rid = k.rid WHERE k.pk = ? AND k.key = ?`,
            ).all(query.partition, key) as Row[])
          : [];
        const perKind = wanted.map((kind) => {
          const exact = exactRows.filter((row) => row.kind === kind).map(toIndexed);
          const { stats, match } = plan(query.partition, kind, terms);
          const candidates =
            match && knownKinds().has(kind)
              ? (
                  prepare(
                    // FTS5 takes MATCH on the table's own name, not an alias.
                    `SELECT d.* FROM ${n.fts(kind)} JOIN ${n.docs} d ON d.rid = ${n.fts(kind)}.rowid WHERE ${n.fts(kind)} MATCH ? AND d.pk = ? ORDER BY ${n.fts(kind)}.rowid DESC LIMIT ${CANDIDATES_PER_KIND}`,
                  ).all(match, query.partition) as Row[]
                ).map(toIndexed)
              : [];
          if (exact.length === 0 && candidates.length === 0) return [];
          return rankKind(spec, terms, exact, candidates, stats, query.limit);
        });
        return { terms, hits: mergeKinds(perKind) };
      }),

    count: async (partition, kinds) =>
      guard(() => {
        const get = prepare(`SELECT df FROM ${n.stats} WHERE pk = ? AND kind = ? AND term = ?`);
        return Object.fromEntries(
          kinds.map((kind) => {
            const row = get.get(partition, assertKind(kind), TOTALS) as { df: number } | undefined;
            return [kind, row?.df ?? 0];
          }),
        );
      }),
  };
}
