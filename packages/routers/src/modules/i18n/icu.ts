import { IntlMessageFormat } from 'intl-messageformat';

/**
 * ICU MessageFormat checks through intl-messageformat's own parser: what it refuses (MISSING_OTHER_CLAUSE,
 * EXPECT_ARGUMENT_CLOSING_BRACE, ...) is refused on save, by the same reason a client's formatter would give.
 */

type ArgKind = 'text' | 'number' | 'date' | 'time' | 'select' | 'plural';
export type MessageArg = { name: string; kind: ArgKind };

export type Parsed = { ok: true; args: MessageArg[] } | { ok: false; reason: string };

// The parser's element types (@formatjs/icu-messageformat-parser TYPE), read structurally.
type Element = {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
};
const KIND_BY_TYPE: Record<number, ArgKind> = {
  1: 'text',
  2: 'number',
  3: 'date',
  4: 'time',
  5: 'select',
  6: 'plural',
};

const collect = (elements: readonly Element[], into: Map<string, MessageArg>) => {
  for (const element of elements) {
    const kind = KIND_BY_TYPE[element.type];
    if (kind && typeof element.value === 'string' && !into.has(element.value)) {
      into.set(element.value, { name: element.value, kind });
    }
    for (const option of Object.values(element.options ?? {})) collect(option.value, into);
    if (element.children) collect(element.children, into);
  }
};

/** Parses `message`; its arguments (nested plural and select branches included) sorted by name. */
export const parseMessage = (message: string, locale = 'en'): Parsed => {
  try {
    const ast = new IntlMessageFormat(message, locale).getAst() as unknown as Element[];
    const args = new Map<string, MessageArg>();
    collect(ast, args);
    return { ok: true, args: [...args.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (error) {
    const offset = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: offset === undefined ? reason : `${reason} at character ${offset + 1}` };
  }
};

/** The names one list has and the other lacks: what a translation dropped and what it invented. */
export const argsDiff = (source: readonly string[], translation: readonly string[]) => ({
  missing: source.filter((name) => !translation.includes(name)),
  extra: translation.filter((name) => !source.includes(name)),
});

/** A sample value per argument: a count for plurals and numbers, the first case of a select, the name. */
export const sampleArgs = (message: string): Record<string, string | number> => {
  try {
    const ast = new IntlMessageFormat(message, 'en').getAst() as unknown as Element[];
    const samples: Record<string, string | number> = {};
    const walk = (elements: readonly Element[]) => {
      for (const element of elements) {
        const kind = KIND_BY_TYPE[element.type];
        if (kind && typeof element.value === 'string' && !(element.value in samples)) {
          const cases = Object.keys(element.options ?? {}).filter((c) => c !== 'other');
          samples[element.value] =
            kind === 'plural' || kind === 'number'
              ? 3
              : kind === 'date' || kind === 'time'
                ? Date.parse('2026-03-20T09:30:00Z')
                : kind === 'select'
                  ? (cases[0] ?? 'other')
                  : element.value;
        }
        for (const option of Object.values(element.options ?? {})) walk(option.value);
        if (element.children) walk(element.children);
      }
    };
    walk(ast);
    return samples;
  } catch {
    return {};
  }
};

/** Formats for the console's preview; tags (`<b>…</b>`) print their content. */
export const formatMessage = (
  message: string,
  locale: string,
  args: Record<string, string | number>,
): { ok: true; formatted: string } | { ok: false; error: string } => {
  try {
    const format = new IntlMessageFormat(message, locale);
    const tags: Record<string, (chunks: unknown[]) => string> = {};
    const tagNames = (elements: readonly Element[]) => {
      for (const element of elements) {
        if (element.type === 8 && typeof element.value === 'string') {
          tags[element.value] = (chunks) => chunks.join('');
        }
        for (const option of Object.values(element.options ?? {})) tagNames(option.value);
        if (element.children) tagNames(element.children);
      }
    };
    tagNames(format.getAst() as unknown as Element[]);
    const out = format.format({ ...tags, ...args });
    return { ok: true, formatted: Array.isArray(out) ? out.join('') : String(out) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};

export type Preview =
  | { ok: true; formatted: string; args: string[]; samples: Record<string, string | number> }
  | { ok: false; error: string };

/** The console's live preview: the parser's verdict, then the message formatted with samples over defaults. */
export const previewMessage = (
  message: string,
  locale: string,
  args: Record<string, string | number>,
): Preview => {
  const parsed = parseMessage(message, locale);
  if (!parsed.ok) return { ok: false, error: parsed.reason };
  const samples = { ...sampleArgs(message), ...args };
  const out = formatMessage(message, locale, samples);
  if (!out.ok) return { ok: false, error: out.error };
  return { ok: true, formatted: out.formatted, args: parsed.args.map((a) => a.name), samples };
};
