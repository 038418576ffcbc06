/**
 * BM25 as SQLite FTS5's bm25() computes it (k1 = 1.2, b = 0.75, column weights on the term frequencies, the
 * same idf floor), over statistics of one partition and kind that the index keeps as it writes. FTS5's own
 * function derives document frequencies by reading each term's whole posting list on every query, across all
 * partitions; kept counts answer in one lookup and keep a product's ranking its own.
 */
import type { FullTextHit, FullTextSpec, IndexedDoc, QueryTerm } from './full-text';
import { termMatches, tokenize } from './tokenize';

const K1 = 1.2;
const B = 0.75;
const IDF_FLOOR = 1e-6;

/** A partition's figures for one kind: documents, their tokens, and documents holding each query term. */
export type KindStats = { docs: number; tokens: number; df: readonly number[] };

export type Candidate = { doc: IndexedDoc; len: number };

export function bm25(
  spec: FullTextSpec,
  terms: readonly QueryTerm[],
  candidate: Candidate,
  stats: KindStats,
) {
  const docs = Math.max(stats.docs, 1);
  const avgLen = stats.tokens > 0 ? stats.tokens / docs : 1;
  const freq = terms.map(() => 0);
  for (const column of spec.columns) {
    const text = candidate.doc.text[column.name];
    if (!text) continue;
    for (const token of tokenize(text)) {
      terms.forEach((term, i) => {
        if (termMatches(term, token)) freq[i] = (freq[i] ?? 0) + column.weight;
      });
    }
  }
  let score = 0;
  terms.forEach((_, i) => {
    const hits = Math.min(stats.df[i] ?? 0, docs);
    const idf = Math.max(Math.log((docs - hits + 0.5) / (hits + 0.5)), IDF_FLOOR);
    const f = freq[i] ?? 0;
    score += (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * candidate.len) / avgLen));
  });
  return score;
}

const byRank = (a: FullTextHit, b: FullTextHit) =>
  Number(b.exact) - Number(a.exact) ||
  b.score - a.score ||
  b.doc.indexedAt - a.doc.indexedAt ||
  (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0);

/**
 * One kind's hits: its exact-key documents first, then the candidates by score; at most `limit`.
 * `exact` and `candidates` may hold the same document.
 */
export function rankKind(
  spec: FullTextSpec,
  terms: readonly QueryTerm[],
  exact: readonly Candidate[],
  candidates: readonly Candidate[],
  stats: KindStats,
  limit: number,
): FullTextHit[] {
  const seen = new Set<string>();
  const hits: FullTextHit[] = [];
  for (const [list, isExact] of [
    [exact, true],
    [candidates, false],
  ] as const) {
    for (const candidate of list) {
      if (seen.has(candidate.doc.id)) continue;
      seen.add(candidate.doc.id);
      hits.push({ doc: candidate.doc, score: bm25(spec, terms, candidate, stats), exact: isExact });
    }
  }
  return hits.sort(byRank).slice(0, limit);
}

/** Every kind's hits in one list: exact-key hits first, then by score. */
export const mergeKinds = (perKind: readonly FullTextHit[][]): FullTextHit[] => perKind.flat().sort(byRank);
