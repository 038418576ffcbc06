import type { TTranslationStatus } from './schema';
import { childElements, escapeXml, parseXml, textOf, XmlError } from './xml';

/** One string of a file, as exported or read back. */
export type FileEntry = {
  key: string;
  message: string;
  /** XLIFF only: the segment's state, mapped to ours. */
  status?: TTranslationStatus;
  /** XLIFF only: the source text and the note for translators. */
  source?: string;
  description?: string | null;
};

export type ReadResult = {
  entries: FileEntry[];
  invalid: { key: string; reason: string }[];
  /** XLIFF: the file's trgLang. */
  locale?: string;
};

/** A file that cannot be read at all (not JSON, not XLIFF 2.0): the import refuses it as a whole. */
export class FileFormatError extends Error {}

const sorted = (entries: readonly FileEntry[]) => [...entries].sort((a, b) => a.key.localeCompare(b.key));

export const toFlatJson = (entries: readonly FileEntry[]): string =>
  `${JSON.stringify(Object.fromEntries(sorted(entries).map((e) => [e.key, e.message])), null, 2)}\n`;

/**
 * `{"a": {"b": "..."}}`. A key that extends another key (`a.b` and `a.b.c`) keeps its rest dotted inside the
 * deepest object it reaches (`{"a": {"b": "...", "b.c"...}}` cannot hold both, so `a.b.c` becomes
 * `{"a": {"b": "...", "b.c": "..."}}`); reading flattens it back to the same key.
 */
export const toNestedJson = (entries: readonly FileEntry[]): string => {
  type Tree = { [segment: string]: Tree | string };
  const root: Tree = {};
  for (const { key, message } of sorted(entries)) {
    const segments = key.split('.');
    let node = root;
    let i = 0;
    for (; i < segments.length - 1; i++) {
      const segment = segments[i] ?? '';
      const next = node[segment];
      if (typeof next === 'string') break;
      if (next === undefined) node[segment] = {};
      node = node[segment] as Tree;
    }
    node[segments.slice(i).join('.')] = message;
  }
  return `${JSON.stringify(root, null, 2)}\n`;
};

/** Reads flat or nested JSON (they mix freely): every string leaf under its dotted path. */
export const readJson = (content: string): ReadResult => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new FileFormatError(`Not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FileFormatError('Expected a JSON object of keys and messages');
  }
  const result: ReadResult = { entries: [], invalid: [] };
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') result.entries.push({ key: path, message: value });
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [segment, child] of Object.entries(value))
        walk(child, path ? `${path}.${segment}` : segment);
    } else result.invalid.push({ key: path, reason: 'Expected a string message or an object of keys' });
  };
  walk(parsed, '');
  return result;
};

/** XLIFF 2.0 segment states and ours: `final` reads as reviewed; a missing or draft string exports as initial. */
const STATE_IN: Record<string, TTranslationStatus> = {
  initial: 'draft',
  translated: 'translated',
  reviewed: 'reviewed',
  final: 'reviewed',
};
const STATE_OUT: Record<TTranslationStatus, string> = {
  missing: 'initial',
  draft: 'initial',
  translated: 'translated',
  reviewed: 'reviewed',
};

export const toXliff = (
  srcLang: string,
  trgLang: string,
  entries: readonly (FileEntry & { source: string })[],
): string => {
  const units = sorted(entries).map((e) => {
    const note = e.description
      ? `\n      <notes><note category="description">${escapeXml(e.description)}</note></notes>`
      : '';
    const state = STATE_OUT[e.status ?? (e.message ? 'translated' : 'missing')];
    const target = e.message ? `\n        <target>${escapeXml(e.message)}</target>` : '';
    return (
      `    <unit id="${escapeXml(e.key)}">${note}\n      <segment state="${state}">\n` +
      `        <source>${escapeXml(e.source ?? '')}</source>${target}\n      </segment>\n    </unit>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${escapeXml(srcLang)}" trgLang="${escapeXml(trgLang)}">\n` +
    `  <file id="translations">\n${units.join('\n')}\n  </file>\n</xliff>\n`
  );
};

/**
 * Reads an XLIFF 2.0 file: one entry per unit with a target. A unit without a target (untranslated) is
 * skipped, as is its absence of text; a unit without an id is invalid.
 */
export const readXliff = (content: string): ReadResult => {
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(content);
  } catch (error) {
    if (error instanceof XmlError) throw new FileFormatError(`Not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'xliff' || root.attributes.version !== '2.0') {
    throw new FileFormatError('Expected an <xliff version="2.0"> document');
  }
  const result: ReadResult = { entries: [], invalid: [] };
  if (root.attributes.trgLang) result.locale = root.attributes.trgLang;
  for (const file of childElements(root, 'file')) {
    for (const unit of childElements(file, 'unit')) {
      const key = unit.attributes.id;
      if (!key) {
        result.invalid.push({ key: '(unit without id)', reason: 'A unit needs an id (the key)' });
        continue;
      }
      const segments = childElements(unit, 'segment');
      if (segments.length !== 1 || !segments[0]) {
        result.invalid.push({ key, reason: 'Expected exactly one segment per unit' });
        continue;
      }
      const segment = segments[0];
      const [target] = childElements(segment, 'target');
      if (!target) continue;
      const state = segment.attributes.state ?? 'translated';
      const status = STATE_IN[state];
      if (!status) {
        result.invalid.push({ key, reason: `Unknown segment state '${state}'` });
        continue;
      }
      const [source] = childElements(segment, 'source');
      result.entries.push({ key, message: textOf(target), status, source: source ? textOf(source) : '' });
    }
  }
  return result;
};
