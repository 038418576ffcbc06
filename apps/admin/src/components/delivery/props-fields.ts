import type { z } from 'zod';

/**
 * The props editor's fields, read from a template's zod schema: one input per leaf, the nested `brand` object
 * as a group. The `template` literal and a transactional mail's `unsubscribeUrl` (typed `never`) have no input.
 */
export type PropKind = 'text' | 'email' | 'url' | 'datetime' | 'number' | 'color';
export type PropField =
  | { kind: PropKind; key: string; path: readonly string[]; label: string; optional: boolean }
  /** A `z.enum`: one of its values. */
  | {
      kind: 'choice';
      key: string;
      path: readonly string[];
      label: string;
      optional: boolean;
      options: readonly string[];
    }
  | {
      kind: 'group';
      key: string;
      path: readonly string[];
      label: string;
      optional: boolean;
      fields: PropField[];
    };

type Check = { _zod: { def: { check?: string; format?: string; pattern?: RegExp } } };
type Def = {
  type: string;
  format?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  options?: unknown[];
  entries?: Record<string, string | number>;
  checks?: Check[];
};

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const WORDS: Record<string, string> = { url: 'URL', ip: 'IP', id: 'ID' };

/** `getStartedUrl` -> `Get started URL`, `ipAddress` -> `IP address`. */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/\s+/)
    .map((word) => WORDS[word] ?? word);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const isHexColour = (def: Def) =>
  (def.checks ?? []).some((check) => check._zod.def.pattern?.source.includes('#[0-9a-fA-F]{6}'));

function kindOf(def: Def): PropKind | null {
  switch (def.type) {
    case 'number':
      return 'number';
    case 'string':
      if (def.format === 'email') return 'email';
      if (def.format === 'url') return 'url';
      if (def.format === 'datetime') return 'datetime';
      return isHexColour(def) ? 'color' : 'text';
    case 'union':
      // ipv4 | ipv6 and the like: any union of strings is typed as text.
      return (def.options ?? []).every((option) => defOf(option).type === 'string') ? 'text' : null;
    default:
      return null;
  }
}

function fieldOf(key: string, schema: unknown, path: readonly string[]): PropField | null {
  let def = defOf(schema);
  let optional = false;
  while (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') {
    optional = true;
    def = defOf(def.innerType);
  }
  const at = [...path, key];
  if (def.type === 'object') {
    return { kind: 'group', key, path: at, label: labelOf(key), optional, fields: fieldsOf(def, at) };
  }
  if (def.type === 'enum') {
    const options = Object.values(def.entries ?? {}).map(String);
    return { kind: 'choice', key, path: at, label: labelOf(key), optional, options };
  }
  const kind = kindOf(def);
  return kind ? { kind, key, path: at, label: labelOf(key), optional } : null;
}

function fieldsOf(def: Def, path: readonly string[]): PropField[] {
  const fields: PropField[] = [];
  for (const [key, schema] of Object.entries(def.shape ?? {})) {
    const field = fieldOf(key, schema, path);
    if (field) fields.push(field);
  }
  return fields;
}

/** The editable fields of a template's full props schema, in the schema's order. */
export function propFields(schema: z.ZodType): PropField[] {
  return fieldsOf(defOf(schema), []);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function valueAt(props: Json, path: readonly string[]): unknown {
  let current: unknown = props;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

/** A copy of `props` with `value` at `path`; `undefined` removes the key (an optional field left empty). */
export function withValue(props: Json, path: readonly string[], value: unknown): Json {
  const [key, ...rest] = path;
  if (key === undefined) return props;
  const next: Json = { ...props };
  if (rest.length > 0) {
    next[key] = withValue(isObject(props[key]) ? props[key] : {}, rest, value);
  } else if (value === undefined) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

/**
 * What an input's text means for the props: an empty optional field is absent; a number field holds a number
 * when the text is one, and the text otherwise, so the server's check names the field.
 */
export function parseInput(field: { kind: PropKind | 'choice'; optional: boolean }, text: string): unknown {
  if (text.trim() === '') return field.optional ? undefined : field.kind === 'number' ? text : '';
  if (field.kind !== 'number') return text;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/** The error key of a field as the API names it: `props.resetUrl`, `props.brand.accentColor`. */
export const errorKey = (path: readonly string[]) => ['props', ...path].join('.');
