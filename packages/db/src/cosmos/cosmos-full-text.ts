/**
 * The full-text index on Cosmos, in its own container (partitioned like the data, by product): one document
 * per record with its text, its distinct words (`terms`) and all its words in order between spaces (`norm`).
 * A query takes, per kind, the most recently indexed documents holding every word (`ARRAY_CONTAINS` on
 * `terms`) and the prefix (`CONTAINS` on `norm`, " ada" for ada*), counts document frequencies with
 * `COUNT` queries, and ranks with the same BM25 as sqlite (rank.ts).
 *
 * Why not Cosmos full-text search (FullTextContains, FullTextScore, ORDER BY RANK): the Cosmos-compatible
 * server the tests run against does not know those functions, so that path could not be tested here; it
 * also has no prefix matching, which type-ahead needs. What differs from native full-text search: no
 * stemming; `CONTAINS` on `norm` reads the partition's documents (RU grows with the product's index size),
 * and document frequencies cost one `COUNT` query per term.
 */
import type { Container as SdkContainer, SqlParameter } from '@azure/cosmos';
import type { ContainerDef } from '../document-store';
import { StoreError } from '../document-store';
import {
  assertFullTextDoc,
  assertKind,
  CANDIDATES_PER_KIND,
  type FullTextDoc,
  type FullTextIndex,
  fullTextSpecOf,
  type IndexedDoc,
  type QueryTerm,
} from '../full-text/full-text';
import { type Candidate, type KindStats, mergeKinds, rankKind } from '../full-text/rank';
import { parseQuery, tokenize } from '../full-text/tokenize';
import { guard, statusOf } from './cosmos-errors';

type IndexDoc = {
  id: string;
  kind: string;
  rid: string;
  owner: string | null;
  text: Record<string, string>;
  keys: string[];
  data: Record<string, unknown>;
  terms: string[];
  norm: string;
  len: number;
  indexedAt: number;
} & Record<string, unknown>;

const WRITE_CONCURRENCY = 16;

/** Cosmos ids may not hold / \ ? #; the kind keeps two kinds' records apart. */
const docId = (kind: string, id: string) => `${kind}:${encodeURIComponent(id)}`;

export function createCosmosFullText(
  sdk: SdkContainer,
  def: ContainerDef,
  clock: () => number,
): FullTextIndex {
  const spec = fullTextSpecOf(def);
  const [pkField, ...rest] = def.partitionKey;
  if (pkField === undefined || rest.length > 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(pkField)) {
    throw new StoreError('invalid', `${def.name}: a full-text index is partitioned by one top-level field`);
  }

  /**
   * `sql` is `SELECT ... FROM c WHERE <conditions> [ORDER BY ...]`; the partition's own condition is added in
   * front, as well as the request's partition key (the test server does not scope a query by the latter).
   */
  const query = async <R>(partition: string, sql: string, parameters: SqlParameter[]): Promise<R[]> => {
    const scoped = sql.replace(' WHERE ', ` WHERE c["${pkField}"] = @partition AND `);
    const { resources } = await sdk.items
      .query<R>(
        { query: scoped, parameters: [{ name: '@partition', value: partition }, ...parameters] },
        { partitionKey: partition },
      )
      .fetchAll();
    return resources;
  };
  const scalar = async (partition: string, sql: string, parameters: SqlParameter[]) =>
    Number((await query<number>(partition, sql, parameters))[0] ?? 0);

  const toBody = (doc: FullTextDoc): IndexDoc => {
    const tokens = spec.columns.map((c) => tokenize(doc.text[c.name] ?? ''));
    const all = tokens.flat();
    return {
      id: docId(doc.kind, doc.id),
      [pkField]: doc.partition,
      kind: doc.kind,
      rid: doc.id,
      owner: doc.owner,
      text: { ...doc.text },
      keys: [...new Set((doc.keys ?? []).map((k) => k.trim().toLowerCase()))],
      data: { ...(doc.data ?? {}) },
      terms: [...new Set(all)],
      norm: ` ${all.join(' ')} `,
      len: all.length,
      indexedAt: clock(),
    };
  };

  const toCandidate = (partition: string, raw: IndexDoc): Candidate => {
    const doc: IndexedDoc = {
      partition,
      kind: raw.kind,
      id: raw.rid,
      owner: raw.owner,
      text: raw.text,
      keys: raw.keys,
      data: raw.data,
      indexedAt: raw.indexedAt,
    };
    return { doc, len: raw.len };
  };

  /** The condition a term puts on a document, with its parameter. */
  const termClause = (term: QueryTerm, i: number): { sql: string; param: SqlParameter } =>
    term.prefix
      ? { sql: `CONTAINS(c.norm, @t${i})`, param: { name: `@t${i}`, value: ` ${term.token}` } }
      : { sql: `ARRAY_CONTAINS(c.terms, @t${i})`, param: { name: `@t${i}`, value: term.token } };

  const statsOf = async (
    partition: string,
    kind: string,
    terms: readonly QueryTerm[],
  ): Promise<KindStats> => {
    const kindParam = { name: '@kind', value: kind };
    const [docs, tokens, ...df] = await Promise.all([
      scalar(partition, 'SELECT VALUE COUNT(1) FROM c WHERE c.kind = @kind', [kindParam]),
      scalar(partition, 'SELECT VALUE SUM(c.len) FROM c WHERE c.kind = @kind', [kindParam]),
      ...terms.map((term, i) => {
        const clause = termClause(term, i);
        return scalar(partition, `SELECT VALUE COUNT(1) FROM c WHERE c.kind = @kind AND ${clause.sql}`, [
          kindParam,
          clause.param,
        ]);
      }),
    ]);
    return { docs: docs ?? 0, tokens: tokens ?? 0, df };
  };

  const removeIds = async (partition: string, ids: readonly string[]) => {
    let removed = 0;
    for (let i = 0; i < ids.length; i += WRITE_CONCURRENCY) {
      const results = await Promise.all(
        ids.slice(i, i + WRITE_CONCURRENCY).map(async (id) => {
          try {
            await sdk.item(id, partition).delete();
            return 1;
          } catch (error) {
            if (statusOf(error) === 404) return 0;
            throw error;
          }
        }),
      );
      removed += results.reduce<number>((a, b) => a + b, 0);
    }
    return removed;
  };

  return {
    upsert: (docs) =>
      guard(async () => {
        for (const doc of docs) assertFullTextDoc(spec, doc);
        for (let i = 0; i < docs.length; i += WRITE_CONCURRENCY) {
          await Promise.all(docs.slice(i, i + WRITE_CONCURRENCY).map((doc) => sdk.items.upsert(toBody(doc))));
        }
      }),

    delete: (partition, kind, ids) =>
      guard(() =>
        removeIds(
          partition,
          ids.map((id) => docId(assertKind(kind), id)),
        ),
      ),

    deleteWhere: (partition, where) =>
      guard(async () => {
        const clauses = ['true'];
        const parameters: SqlParameter[] = [];
        if (where.owner !== undefined) {
          clauses.push('c.owner = @owner');
          parameters.push({ name: '@owner', value: where.owner });
        }
        if (where.indexedBefore !== undefined) {
          clauses.push('c.indexedAt < @before');
          parameters.push({ name: '@before', value: where.indexedBefore });
        }
        if (where.kinds) {
          if (where.kinds.length === 0) return 0;
          clauses.push('ARRAY_CONTAINS(@kinds, c.kind)');
          parameters.push({ name: '@kinds', value: where.kinds.map(assertKind) });
        }
        const ids = await query<string>(
          partition,
          `SELECT VALUE c.id FROM c WHERE ${clauses.join(' AND ')}`,
          parameters,
        );
        return removeIds(partition, ids);
      }),

    search: (q) =>
      guard(async () => {
        if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 100) {
          throw new StoreError('invalid', 'limit must be an integer in 1..100');
        }
        const terms = parseQuery(q.text, q.prefix ?? true);
        const key = q.text.trim().toLowerCase();
        const exactDocs = key
          ? await query<IndexDoc>(q.partition, 'SELECT * FROM c WHERE ARRAY_CONTAINS(c.keys, @key)', [
              { name: '@key', value: key },
            ])
          : [];
        const clauses = terms.map(termClause);
        // Without a kind filter, the kinds that have a match (the server knows no DISTINCT or GROUP BY).
        const matchedKinds = async () =>
          clauses.length === 0
            ? []
            : query<string>(
                q.partition,
                `SELECT VALUE c.kind FROM c WHERE ${clauses.map((c) => c.sql).join(' AND ')}`,
                clauses.map((c) => c.param),
              );
        const kinds = q.kinds
          ? q.kinds.map(assertKind)
          : [...new Set([...exactDocs.map((d) => d.kind), ...(await matchedKinds())])];
        const perKind = await Promise.all(
          kinds.map(async (kind) => {
            const exact = exactDocs.filter((d) => d.kind === kind).map((d) => toCandidate(q.partition, d));
            const stats = await statsOf(q.partition, kind, terms);
            // A word that no document of the kind holds: nothing to match.
            const candidates =
              clauses.length === 0 || stats.df.some((df) => df === 0)
                ? []
                : (
                    await query<IndexDoc>(
                      q.partition,
                      `SELECT TOP ${CANDIDATES_PER_KIND} * FROM c WHERE c.kind = @kind AND ${clauses.map((c) => c.sql).join(' AND ')} ORDER BY c.indexedAt DESC`,
                      [{ name: '@kind', value: kind }, ...clauses.map((c) => c.param)],
                    )
                  ).map((d) => toCandidate(q.partition, d));
            if (exact.length === 0 && candidates.length === 0) return [];
            return rankKind(spec, terms, exact, candidates, stats, q.limit);
          }),
        );
        return { terms, hits: mergeKinds(perKind) };
      }),

    count: (partition, kinds) =>
      guard(async () => {
        const counts = await Promise.all(
          kinds.map((kind) =>
            scalar(partition, 'SELECT VALUE COUNT(1) FROM c WHERE c.kind = @kind', [
              { name: '@kind', value: assertKind(kind) },
            ]),
          ),
        );
        return Object.fromEntries(kinds.map((kind, i) => [kind, counts[i] ?? 0]));
      }),
  };
}
