import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from './defaults';
import { validateTheme } from './validate';

const paths = (input: unknown) => {
  const result = validateTheme(input);
  return result.ok ? [] : result.issues.map((issue) => issue.path).sort();
};

describe('validateTheme', () => {
  it('accepts the default theme and lower-cases colours', () => {
    const upper = structuredClone(DEFAULT_THEME);
    upper.colors.dark.primary = '#A7A3F2';
    const result = validateTheme(upper);
    expect(result.ok && result.tokens.colors.dark.primary).toBe('#a7a3f2');
    expect(result.ok && result.tokens).toEqual(DEFAULT_THEME);
  });

  it('names the path of every bad, missing or unknown token', () => {
    const bad = structuredClone(DEFAULT_THEME) as unknown as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    (bad.colors as Record<string, Record<string, unknown>>).light = {
      ...DEFAULT_THEME.colors.light,
      primary: 'indigo',
      primry: '#000000',
    };
    delete (bad.colors as Record<string, Record<string, unknown>>).dark?.surface;
    (bad.typography as Record<string, Record<string, unknown>>).fontWeight = {
      ...DEFAULT_THEME.typography.fontWeight,
      bold: 750,
    };
    (bad.typography as Record<string, Record<string, unknown>>).fontFamily = {
      ...DEFAULT_THEME.typography.fontFamily,
      sans: 'Inter; } body { display: none',
    };
    (bad.spacing as Record<string, unknown>).md = -4;
    (bad.radius as Record<string, unknown>).sm = '4px';
    expect(paths(bad)).toEqual([
      'colors.dark.surface',
      'colors.light.primary',
      'colors.light.primry',
      'radius.sm',
      'spacing.md',
      'typography.fontFamily.sans',
      'typography.fontWeight.bold',
    ]);
    expect(paths(null)).toEqual(['']);
    expect(paths({ ...DEFAULT_THEME, shadows: {} })).toEqual(['shadows']);
  });
});
