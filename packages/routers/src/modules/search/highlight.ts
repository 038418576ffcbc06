import type { QueryTerm } from '@bytelyst/db/full-text';
import { normalize, termMatches, tokenSpans } from '@bytelyst/db/full-text/tokenize';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

type Span = { start: number; end: number };

/**
 * Where the query's terms match in a text (the tokenizer's words, so a mark is exactly what matched): a whole
 * word, or for a prefix only the letters typed (`<mark>Lovel</mark>ace`).
 */
export const matchesIn = (text: string, terms: readonly QueryTerm[]): Span[] => {
  const spans: Span[] = [];
  for (const span of tokenSpans(text)) {
    if (terms.some((term) => !term.prefix && term.token === span.token)) {
      spans.push(span);
      continue;
    }
    const prefix = terms.find((term) => term.prefix && termMatches(term, span.token));
    if (!prefix) continue;
    // The shortest start of the word that reads as the typed prefix (`Å` reads as `a`).
    let end = span.start + 1;
    while (end < span.end && normalize(text.slice(span.start, end)).length < prefix.token.length) end++;
    spans.push({ start: span.start, end });
  }
  return spans;
};

/** `text[from, to)` escaped, with each match inside it in `<mark>`. */
const markUp = (text: string, spans: readonly Span[], from: number, to: number): string => {
  let html = '';
  let at = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    html += `${escapeHtml(text.slice(at, span.start))}<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return html + escapeHtml(text.slice(at, to));
};

/** The whole text, escaped, its matches marked. */
export const highlight = (text: string, terms: readonly QueryTerm[]): string =>
  markUp(text, matchesIn(text, terms), 0, text.length);

/**
 * A window of about `width` characters around the first match, cut at spaces, with an ellipsis where text was
 * left out; null when nothing matches.
 */
export const snippet = (text: string, terms: readonly QueryTerm[], width = 160): string | null => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const spans = matchesIn(flat, terms);
  const first = spans[0];
  if (!first) return null;
  let from = Math.max(0, first.start - Math.floor(width / 4));
  let to = Math.min(flat.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  if (from > 0) {
    const space = flat.indexOf(' ', from);
    if (space !== -1 && space < first.start) from = space + 1;
  }
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to);
    if (space > first.end) to = space;
  }
  return `${from > 0 ? '…' : ''}${markUp(flat, spans, from, to)}${to < flat.length ? '…' : ''}`;
};
