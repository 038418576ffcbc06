/**
 * Seeded, repeatable documents for the search bench, shaped like the console's data: users (email, name),
 * tracker items (title, body over a Zipf-distributed vocabulary), audit entries (action, target, actor) and
 * feedback; and the queries an admin types: names and words cut short while typing, whole words, emails.
 */
import type { FullTextDoc } from '@bytelyst/db/full-text';

const FIRST = (
  'ada alan alice amara anna arjun ben bea carla chen chloe dana david diego elena emil emma farah felix ' +
  'gina grace hana hugo ines ivan jack jana joao julia kai karl kofi lara leo lina luca maya mei mia ' +
  'nadia nina noah olga omar oscar paula pedro priya quinn rafael rosa sami sara sofia tariq tom uma ' +
  'vera victor wei yara yusuf zoe'
).split(' ');
const LAST = (
  'abbott acosta adler baker banda bauer becker berg bianchi brandt castro chen costa cruz diaz dubois ' +
  'eriksen evans fischer fontaine garcia gomez gruber hansen haddad ito jansen jensen kaur kim klein ' +
  'kowalski kruger larsen lopez meyer moreau mueller nakamura novak okafor olsen park patel perez ' +
  'petrov quinn rahman reyes rossi santos sato schmidt silva singh suzuki tanaka torres vogel wagner ' +
  'weber wong yamamoto zhang'
).split(' ');
const DOMAINS = ['example.com', 'mail.test', 'corp.example', 'inbox.test', 'studio.example'];
const ACTIONS = (
  'users.setRoles users.setStatus users.delete users.create flags.toggle flags.update exports.create ' +
  'exports.createBulk licenses.revoke licenses.create tracker.items.triage feedback.reply feedback.convert ' +
  'settings.update webhooks.create webhooks.rotateSecret jobs.trigger status.update products.update'
).split(' ');
const TARGET_TYPES = ['user', 'flag', 'export', 'license', 'tracker_item', 'feedback', 'webhook', 'job'];

export type Rng = () => number;

/** A small linear congruential generator: the same documents and queries on every run. */
export const seeded = (seed: number): Rng => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
};

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

/** 5,000 pronounceable words; `zipf` draws the frequent ones far more often, as prose does. */
export const vocabulary = (rng: Rng): string[] => {
  const onsets = 'b c d f g h j k l m n p r s t v w z br cl dr fl gr pl sh st th tr'.split(' ');
  const vowels = 'a e i o u ai ea ou'.split(' ');
  const codas = ' n r s t l m nd st ck'.split(' ');
  const words = new Set<string>();
  while (words.size < 5000) {
    const syllables = 1 + Math.floor(rng() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(rng, onsets) + pick(rng, vowels) + pick(rng, codas);
    if (word.length >= 3) words.add(word);
  }
  return [...words];
};
const zipf = (rng: Rng, vocab: readonly string[]) => vocab[Math.floor(vocab.length * rng() ** 3)] as string;
const words = (rng: Rng, vocab: readonly string[], n: number) =>
  Array.from({ length: n }, () => zipf(rng, vocab)).join(' ');

export type BenchCorpus = { doc(i: number): FullTextDoc; queries(n: number): string[] };

export const benchCorpus = (productId: string, seed = 2026): BenchCorpus => {
  const vocab = vocabulary(seeded(seed));
  const admins = Array.from({ length: 25 }, (_, i) => `${FIRST[i % FIRST.length]}.admin${i}@example.com`);
  const person = (i: number) => {
    const rng = seeded(seed + i * 7919);
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    return { first, last, email: `${first}.${last}${i % 997}@${pick(rng, DOMAINS)}` };
  };
  const doc = (i: number): FullTextDoc => {
    const rng = seeded(seed ^ (i * 2654435761));
    const slot = i % 10;
    const id = i.toString(36).padStart(7, '0');
    if (slot < 4) {
      const p = person(i);
      const name = `${p.first[0]?.toUpperCase()}${p.first.slice(1)} ${p.last[0]?.toUpperCase()}${p.last.slice(1)}`;
      return {
        partition: productId,
        kind: 'user',
        id: `u${id}`,
        owner: `u${id}`,
        text: { primary: `${p.email} ${name}`, secondary: 'user' },
        keys: [p.email, `u${id}`],
        data: { title: name, subtitle: p.email, at: null, ref: { id: `u${id}` } },
      };
    }
    if (slot < 7) {
      const action = pick(rng, ACTIONS);
      const target = `${pick(rng, TARGET_TYPES)} ${Math.floor(rng() * 1e9).toString(36)}`;
      const actor = pick(rng, admins);
      return {
        partition: productId,
        kind: 'audit',
        id: `a${id}`,
        owner: null,
        text: { primary: action, secondary: `${target} ${actor}` },
        keys: [`a${id}`],
        data: { title: action, subtitle: `${actor} → ${target}`, at: null, ref: { id: `a${id}` } },
      };
    }
    if (slot < 9) {
      const title = words(rng, vocab, 4 + Math.floor(rng() * 7));
      return {
        partition: productId,
        kind: 'tracker_item',
        id: `t${id}`,
        owner: person(i + 1).email,
        text: { primary: title, secondary: words(rng, vocab, 20 + Math.floor(rng() * 60)) },
        keys: [`t${id}`],
        data: { title, subtitle: 'bug · open', at: null, ref: { id: `t${id}` } },
      };
    }
    const message = words(rng, vocab, 10 + Math.floor(rng() * 25));
    return {
      partition: productId,
      kind: 'feedback',
      id: `f${id}`,
      owner: `u${id}`,
      text: { primary: message.split(' ').slice(0, 8).join(' '), secondary: message },
      keys: [`f${id}`],
      data: { title: message.slice(0, 60), subtitle: 'general · new', at: null, ref: { id: `f${id}` } },
    };
  };
  /** Half typed while typing (a name or a word cut to 2-5 letters, sometimes after a whole word), half whole. */
  const queries = (n: number): string[] => {
    const rng = seeded(seed + 99);
    return Array.from({ length: n }, (_, q) => {
      const cut = (word: string) => word.slice(0, 2 + Math.floor(rng() * Math.min(4, word.length - 1)));
      switch (q % 8) {
        case 0:
          return cut(pick(rng, FIRST));
        case 1:
          return `${pick(rng, FIRST)} ${cut(pick(rng, LAST))}`;
        case 2:
          return cut(zipf(rng, vocab));
        case 3:
          return `${zipf(rng, vocab)} ${cut(zipf(rng, vocab))}`;
        case 4:
          return pick(rng, LAST);
        case 5:
          return `${zipf(rng, vocab)} ${zipf(rng, vocab)} `;
        case 6:
          return person(Math.floor(rng() * 400_000) * 10).email;
        default:
          return `${pick(rng, ACTIONS)} `;
      }
    });
  };
  return { doc, queries };
};
