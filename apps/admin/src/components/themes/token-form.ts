import { HEX_COLOR, type ThemeTokens, type TokenIssue, validateTheme } from '@bytelyst/design-tokens';

/** The editor's values: every token by its dotted path (`colors.light.primary`), as typed. */
export type TokenForm = Record<string, string>;

/** Flattens a theme into the editor's string fields. */
export const formOf = (tokens: ThemeTokens): TokenForm => {
  const out: TokenForm = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else out[path] = String(value);
  };
  walk(tokens, '');
  return out;
};

/** Numbers back to numbers (a colour or font stack stays a string); an empty number field stays invalid. */
const parsed = (path: string, text: string): string | number => {
  if (path.startsWith('colors.') || path.startsWith('typography.fontFamily.')) return text.trim();
  const n = Number(text);
  return text.trim() === '' || Number.isNaN(n) ? text : n;
};

/** The raw theme object the form describes, before validation. */
export const rawOf = (form: TokenForm): unknown => {
  const root: Record<string, unknown> = {};
  for (const [path, text] of Object.entries(form)) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] ?? ''] = parsed(path, text);
  }
  return root;
};

/** Validates the form with the same rules the API runs: the theme, or the problems by path. */
export const checkForm = (
  form: TokenForm,
): { tokens: ThemeTokens | null; errors: Record<string, string> } => {
  const result = validateTheme(rawOf(form));
  if (result.ok) return { tokens: result.tokens, errors: {} };
  return {
    tokens: null,
    errors: Object.fromEntries(result.issues.map((issue: TokenIssue) => [issue.path, issue.message])),
  };
};

/**
 * What the preview and the contrast checks show while typing: each field's value when it is valid, else the
 * last saved one, so a half-typed colour does not blank the preview.
 */
export const effectiveTokens = (form: TokenForm, fallback: ThemeTokens): ThemeTokens => {
  const base = formOf(fallback);
  const merged: TokenForm = { ...base };
  for (const [path, text] of Object.entries(form)) {
    const ok = path.startsWith('colors.') ? HEX_COLOR.test(text.trim()) : checkFieldOk(path, text);
    if (ok) merged[path] = text.trim();
  }
  const result = validateTheme(rawOf(merged));
  return result.ok ? result.tokens : fallback;
};

const checkFieldOk = (path: string, text: string) => {
  if (path.startsWith('typography.fontFamily.')) return text.trim() !== '';
  return text.trim() !== '' && !Number.isNaN(Number(text));
};

/** `onPrimary` -> `On primary`, for labels. */
export const words = (name: string) => {
  const spaced = name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** The server's `tokens.colors.light.primary` field errors keyed as the form's paths. */
export const formErrorsFromApi = (fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [path.replace(/^tokens\./, ''), message]),
  );
