import {
  COLOR_MODES,
  COLOR_ROLES,
  FONT_FAMILIES,
  FONT_SIZES,
  FONT_STACK,
  FONT_WEIGHTS,
  HEX_COLOR,
  LINE_HEIGHTS,
  RADIUS_STEPS,
  SPACING_STEPS,
  type ThemeTokens,
} from './schema';

/** One problem with a theme, at its dotted token path (`colors.dark.primary`). */
export type TokenIssue = { path: string; message: string };
export type ValidationResult = { ok: true; tokens: ThemeTokens } | { ok: false; issues: TokenIssue[] };

type Check = (value: unknown) => string | null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberIn =
  (min: number, max: number, opts: { integer?: boolean; step?: number } = {}): Check =>
  (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'Expected a number';
    if (opts.integer && !Number.isInteger(value)) return 'Expected a whole number';
    if (opts.step && value % opts.step !== 0) return `Expected a multiple of ${opts.step}`;
    if (value < min || value > max) return `Expected a number from ${min} to ${max}`;
    return null;
  };

const hex: Check = (value) =>
  typeof value === 'string' && HEX_COLOR.test(value) ? null : 'Expected a #rrggbb colour';

const fontStack: Check = (value) => {
  if (typeof value !== 'string' || value.trim() === '') return 'Expected a font stack';
  if (value.length > 200) return 'At most 200 characters';
  return FONT_STACK.test(value) ? null : 'Only letters, digits, spaces, quotes, commas, dots and hyphens';
};

/**
 * Walks a group with fixed keys: every key present and valid, no unknown key (a typo such as `primry` would
 * otherwise vanish silently). Copies the values it accepted into `out`.
 */
const group = (
  input: unknown,
  path: string,
  keys: readonly string[],
  check: Check,
  issues: TokenIssue[],
  out: Record<string, unknown>,
) => {
  if (!isRecord(input)) {
    issues.push({ path, message: 'Expected an object' });
    return;
  }
  for (const key of keys) {
    const problem = check(input[key]);
    if (problem)
      issues.push({ path: `${path}.${key}`, message: input[key] === undefined ? 'Required' : problem });
    else out[key] = typeof input[key] === 'string' && check === hex ? input[key].toLowerCase() : input[key];
  }
  for (const key of Object.keys(input)) {
    if (!keys.includes(key)) issues.push({ path: `${path}.${key}`, message: 'Unknown token' });
  }
};

const objectAt = (input: unknown, path: string, issues: TokenIssue[]): Record<string, unknown> => {
  if (isRecord(input)) return input;
  issues.push({ path, message: 'Expected an object' });
  return {};
};

/** Checks a theme from anywhere (a request body, a file); colours come back lower case. */
export const validateTheme = (input: unknown): ValidationResult => {
  const issues: TokenIssue[] = [];
  const root = objectAt(input, '', issues);
  if (issues.length > 0) return { ok: false, issues: [{ path: '', message: 'Expected a theme object' }] };
  const colorsIn = objectAt(root.colors, 'colors', issues);
  const typeIn = objectAt(root.typography, 'typography', issues);
  const colors: Record<string, Record<string, unknown>> = {};
  for (const mode of COLOR_MODES) {
    colors[mode] = {};
    group(colorsIn[mode], `colors.${mode}`, COLOR_ROLES, hex, issues, colors[mode]);
  }
  const typography = { fontFamily: {}, fontSize: {}, fontWeight: {}, lineHeight: {} };
  group(typeIn.fontFamily, 'typography.fontFamily', FONT_FAMILIES, fontStack, issues, typography.fontFamily);
  group(typeIn.fontSize, 'typography.fontSize', FONT_SIZES, numberIn(6, 200), issues, typography.fontSize);
  group(
    typeIn.fontWeight,
    'typography.fontWeight',
    FONT_WEIGHTS,
    numberIn(100, 900, { step: 100 }),
    issues,
    typography.fontWeight,
  );
  group(
    typeIn.lineHeight,
    'typography.lineHeight',
    LINE_HEIGHTS,
    numberIn(0.8, 3),
    issues,
    typography.lineHeight,
  );
  const spacing = {};
  group(root.spacing, 'spacing', SPACING_STEPS, numberIn(0, 512), issues, spacing);
  const radius = {};
  group(root.radius, 'radius', RADIUS_STEPS, numberIn(0, 9999), issues, radius);
  for (const key of Object.keys(root)) {
    if (!['colors', 'typography', 'spacing', 'radius'].includes(key))
      issues.push({ path: key, message: 'Unknown token' });
  }
  for (const key of Object.keys(typeIn)) {
    if (!(key in typography)) issues.push({ path: `typography.${key}`, message: 'Unknown token' });
  }
  for (const key of Object.keys(colorsIn)) {
    if (!(COLOR_MODES as readonly string[]).includes(key))
      issues.push({ path: `colors.${key}`, message: 'Unknown token' });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, tokens: { colors, typography, spacing, radius } as unknown as ThemeTokens };
};
