/**
 * When a feature request matches an open tracker item: both titles are reduced to their words (lower case,
 * accents and punctuation dropped, a trailing plural `s` cut, filler words such as "please", "add",
 * "support", "the" left out), and two titles match when the Dice coefficient of those word sets is at least
 * 0.8: "Dark mode please" matches "Add a dark mode", "Dark mode for the editor" matches "Dark mode", and
 * "Export to PDF" does not match "Export to CSV". A title left with no words matches nothing.
 */

export const MATCH_THRESHOLD = 0.8;

const FILLER = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'to',
  'of',
  'in',
  'on',
  'for',
  'with',
  'from',
  'by',
  'at',
  'as',
  'is',
  'be',
  'it',
  'its',
  'i',
  'we',
  'my',
  'our',
  'me',
  'you',
  'your',
  'please',
  'pls',
  'add',
  'adding',
  'support',
  'allow',
  'ability',
  'option',
  'feature',
  'request',
  'want',
  'would',
  'like',
  'could',
  'can',
  'should',
  'need',
  'new',
]);

/** Cuts a plural `s` (not `ss`, and not from short words), so "exports" and "export" are one word. */
const stem = (word: string) =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

/** The title's distinct words, sorted: what matching compares. */
export const titleWords = (title: string): string[] => {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !FILLER.has(word))
    .map(stem);
  return [...new Set(words)].sort();
};

/** The Dice coefficient of two word sets: 2·|A∩B| / (|A|+|B|), 0 when either is empty. */
export const similarity = (a: readonly string[], b: readonly string[]): number => {
  if (a.length === 0 || b.length === 0) return 0;
  const right = new Set(b);
  const shared = a.filter((word) => right.has(word)).length;
  return (2 * shared) / (a.length + b.length);
};

/** The best candidate at or above the threshold: highest similarity, then most votes, then oldest. */
export const bestMatch = <T extends { title: string; votes: number; createdAt: string }>(
  title: string,
  candidates: readonly T[],
): { item: T; score: number } | undefined => {
  const words = titleWords(title);
  let best: { item: T; score: number } | undefined;
  for (const item of candidates) {
    const score = similarity(words, titleWords(item.title));
    if (score < MATCH_THRESHOLD) continue;
    const better =
      !best ||
      score > best.score ||
      (score === best.score &&
        (item.votes > best.item.votes ||
          (item.votes === best.item.votes && item.createdAt < best.item.createdAt)));
    if (better) best = { item, score };
  }
  return best;
};
