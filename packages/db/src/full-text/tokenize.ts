/**
 * The one tokenizer of the full-text index: both drivers index, count and match with it, and highlighters
 * mark what it finds, so a match, its score and its mark never disagree. Words are runs of letters and digits,
 * lowercased, without diacritics (`Zoë` is `zoe`); everything else separates them.
 */
import type { QueryTerm } from './full-text';

/** Longer runs are cut: nobody types them, and they would bloat the index. */
export const MAX_TOKEN_LENGTH = 64;
/** A text's words past this many are not indexed (a tracker body tops out near 4,000). */
export const MAX_TOKENS = 10_000;
/** A query's words past this many are ignored. */
export const MAX_QUERY_TERMS = 8;
/** A last word shorter than this is not expanded as a prefix: it would match most of the index. */
export const MIN_PREFIX_LENGTH = 2;

const MARKS = /\p{M}+/gu;
// Control characters are ASCII too; only the upper bound matters here.
const ASCII = /^[^\u0080-\u{10FFFF}]*$/u;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lowercase without diacritics; may change length, so offsets come from `tokenSpans` instead. */
export const normalize = (text: string): string => text.normalize('NFKD').replace(MARKS, '').toLowerCase();

/** The words of a text, in order, repeats kept. */
export function tokenize(text: string): string[] {
  // Most text is ASCII, which needs neither Unicode normalization nor Unicode classes (three times faster).
  const ascii = ASCII.test(text);
  const parts = (ascii ? text.toLowerCase() : normalize(text)).split(ascii ? ASCII_SEPARATORS : SEPARATORS);
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    out.push(part.length > MAX_TOKEN_LENGTH ? part.slice(0, MAX_TOKEN_LENGTH) : part);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

/** Each word of a text with where it stands in the original text, for highlighting. */
export function tokenSpans(text: string): { token: string; start: number; end: number }[] {
  const spans: { token: string; start: number; end: number }[] = [];
  // Normalizing word by word keeps offsets in the original text (NFKD may change a word's length).
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const token = normalize(match[0]).replace(/[^\p{L}\p{N}]+/gu, '');
    if (token)
      spans.push({
        token: token.slice(0, MAX_TOKEN_LENGTH),
        start: match.index,
        end: match.index + match[0].length,
      });
  }
  return spans;
}

/**
 * The terms of a query: its words, repeats dropped, the last one a prefix when `prefix` and long enough. A
 * one-letter last word after others is dropped (the next keystroke makes it useful); alone it is a word.
 */
export function parseQuery(text: string, prefix = true): QueryTerm[] {
  const words = [...new Set(tokenize(text))].slice(0, MAX_QUERY_TERMS);
  const last = words.at(-1);
  if (last === undefined) return [];
  // `ada ` (a space typed after it) is a finished word; `ada` may go on.
  const typedOn = prefix && /[\p{L}\p{N}\p{M}]$/u.test(text);
  const terms = words.slice(0, -1).map((token) => ({ token, prefix: false }));
  if (typedOn && last.length < MIN_PREFIX_LENGTH && terms.length > 0) return terms;
  terms.push({ token: last, prefix: typedOn && last.length >= MIN_PREFIX_LENGTH });
  return terms;
}

export const termMatches = (term: QueryTerm, token: string): boolean =>
  term.prefix ? token.startsWith(term.token) : token === term.token;
