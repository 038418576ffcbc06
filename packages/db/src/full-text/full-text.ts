/**
 * A full-text index beside the document containers: documents of several kinds (users, tracker items, ...)
 * in partitions (products), matched by terms with the last one as a prefix, ranked by BM25 over per-partition,
 * per-kind statistics, with an exact-key lookup in front. Both drivers implement it (sqlite: FTS5 tables;
 * cosmos: documents carrying their tokens) and one contract suite proves them alike (full-text.test.ts).
 *
 * Matching and statistics follow one tokenizer (tokenize.ts): the text's own words, lowercased, diacritics
 * removed, split at anything that is not a letter or a digit; `ada.lovelace@example.com` is ada, lovelace,
 * example, com.
 */
import { StoreError } from '../document-store';

/** Declared on the index's `ContainerDef`: its text columns and each one's weight in the ranking. */
export type FullTextSpec = {
  columns: readonly { name: string; weight: number }[];
};

/** One indexed record. Its identity is (partition, kind, id): writing it again replaces it. */
export type FullTextDoc = {
  partition: string;
  /** What the record is (`user`, `tracker_item`): lowercase letters, digits and `_`, at most 32. */
  kind: string;
  id: string;
  /** The user the record is about or by, so their entries can be found and removed on erasure. */
  owner: string | null;
  /** Text per column of the spec; a missing column is empty. */
  text: Readonly<Record<string, string>>;
  /** Exact-match keys (an email, the record's id): a query equal to one, ignoring case, puts it first. */
  keys?: readonly string[];
  /** Returned with the hit as stored (what a result list shows: a label, a link's parts). */
  data?: Readonly<Record<string, unknown>>;
};

export type IndexedDoc = FullTextDoc & {
  keys: readonly string[];
  data: Readonly<Record<string, unknown>>;
  /** When this version was written (the store's clock, epoch ms). */
  indexedAt: number;
};

export type QueryTerm = { token: string; prefix: boolean };

export type FullTextQuery = {
  partition: string;
  /** What a person typed. */
  text: string;
  /** Only these kinds; default every kind the partition has. */
  kinds?: readonly string[];
  /** Hits per kind. */
  limit: number;
  /** The last term matches as a prefix (type-ahead). Default true. */
  prefix?: boolean;
};

export type FullTextHit = {
  doc: IndexedDoc;
  /** BM25 (higher is better); exact-key hits score like the rest but come first. */
  score: number;
  /** The query equals one of the document's keys. */
  exact: boolean;
};

export type FullTextResult = {
  /** The terms matched, as the tokenizer read the query: what a highlighter should mark. */
  terms: readonly QueryTerm[];
  /** Exact-key hits first, then by score, then most recently indexed; at most `limit` per kind. */
  hits: FullTextHit[];
};

export type FullTextWhere = {
  kinds?: readonly string[];
  owner?: string;
  /** Documents written before this time (epoch ms): what a rebuild that started then did not reach. */
  indexedBefore?: number;
};

export type FullTextIndex = {
  /** Writes the documents (new or replacing), in one transaction on sqlite. */
  upsert(docs: readonly FullTextDoc[]): Promise<void>;
  /** Removes these records of one kind; returns how many were there. */
  delete(partition: string, kind: string, ids: readonly string[]): Promise<number>;
  /** Removes a partition's documents that match every given condition; returns how many went. */
  deleteWhere(partition: string, where: FullTextWhere): Promise<number>;
  search(query: FullTextQuery): Promise<FullTextResult>;
  /** Documents of each of these kinds in a partition (0 for a kind it has none of). */
  count(partition: string, kinds: readonly string[]): Promise<Record<string, number>>;
};

/**
 * Matches per kind that are ranked: the most recently indexed ones when a query matches more. A query that
 * matches at most this many documents of a kind is ranked over all of them.
 */
export const CANDIDATES_PER_KIND = 100;

const KIND_RE = /^[a-z][a-z0-9_]{0,31}$/;

export function assertKind(kind: string): string {
  if (!KIND_RE.test(kind)) throw new StoreError('invalid', `Invalid full-text kind: ${JSON.stringify(kind)}`);
  return kind;
}

/** The index's spec, refusing a definition that is not a full-text index. */
export function fullTextSpecOf(def: { name: string; fullText?: FullTextSpec }): FullTextSpec {
  if (!def.fullText) throw new StoreError('invalid', `${def.name} is not a full-text index`);
  if (def.fullText.columns.length === 0) throw new StoreError('invalid', `${def.name} has no text columns`);
  return def.fullText;
}

/** Checks a document against the spec before any of a batch is written. */
export function assertFullTextDoc(spec: FullTextSpec, doc: FullTextDoc): void {
  assertKind(doc.kind);
  if (!doc.partition) throw new StoreError('invalid', 'A full-text document needs a partition');
  if (!doc.id || doc.id.length > 255) throw new StoreError('invalid', 'A full-text document needs an id');
  for (const column of Object.keys(doc.text)) {
    if (!spec.columns.some((c) => c.name === column)) {
      throw new StoreError('invalid', `Unknown full-text column: ${JSON.stringify(column)}`);
    }
  }
}
