import { describe, expect, it } from 'vitest';
import { rgbOf } from './contrast';
import { DEFAULT_THEME } from './defaults';
import { toKotlin } from './kotlin';
import { pascal } from './names';
import { COLOR_MODES, COLOR_ROLES, type ThemeTokens } from './schema';
import { toSwift } from './swift';

const theme: ThemeTokens = structuredClone(DEFAULT_THEME);
theme.colors.light.primary = '#0a7cff';
theme.typography.fontFamily.sans = '"SF Pro Text", Inter, sans-serif';
theme.spacing.md = 14;

/** Braces, brackets and parentheses pair up outside string literals. */
const balanced = (source: string) => {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0 && !inString;
};

/** The body of `object Name {` ... its matching `}` (one level of nesting is enough here). */
const block = (source: string, opener: string) => {
  const start = source.indexOf(opener);
  expect(start, opener).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf('\n    }', start));
};

describe('toKotlin', () => {
  const kt = toKotlin(theme);

  it('is structurally sound Compose source', () => {
    expect(balanced(kt)).toBe(true);
    expect(kt).toMatch(/^package com\.bytelyst\.theme$/m);
    expect(kt).toContain('object BytelystTheme {');
    expect(kt).toContain('val LightColors = lightColorScheme(');
    expect(kt).toContain('val DarkColors = darkColorScheme(');
    expect(kt).toContain('        error = Dark.Danger,');
    expect(kt).toContain('        const val Sans = "\\"SF Pro Text\\", Inter, sans-serif"');
  });

  it('carries every colour with its exact ARGB value, and every dimension', () => {
    for (const mode of COLOR_MODES) {
      const body = block(kt, `object ${pascal(mode)} {`);
      const found = Object.fromEntries(
        [...body.matchAll(/val (\w+) = Color\(0xFF([0-9A-F]{6})\)/g)].map((m) => [
          m[1],
          `#${m[2]?.toLowerCase()}`,
        ]),
      );
      expect(found).toEqual(Object.fromEntries(COLOR_ROLES.map((r) => [pascal(r), theme.colors[mode][r]])));
    }
    for (const [step, v] of Object.entries(theme.spacing))
      expect(kt).toContain(`val ${pascal(step)} = ${v}.dp`);
    for (const [step, v] of Object.entries(theme.typography.fontSize))
      expect(kt).toContain(`val ${pascal(step)} = ${v}.sp`);
    for (const [name, v] of Object.entries(theme.typography.fontWeight))
      expect(kt).toContain(`val ${pascal(name)} = FontWeight(${v})`);
    expect(block(kt, 'object Radius {')).toContain('val Full = 9999.dp');
  });
});

describe('toSwift', () => {
  const swift = toSwift(theme);

  it('is structurally sound SwiftUI source', () => {
    expect(balanced(swift)).toBe(true);
    expect(swift).toContain('import SwiftUI');
    expect(swift).toContain('public extension Color {');
    expect(swift).toContain('public enum BytelystSpacing {');
    expect(swift).toContain('    public static let semibold: Font.Weight = .semibold');
    expect(swift).toContain('    public static let base = Font.system(size: 16)');
    expect(swift).toContain('    public static let sans = "\\"SF Pro Text\\", Inter, sans-serif"');
  });

  it('carries every colour with its exact channels, and every dimension', () => {
    const colors = [
      ...swift.matchAll(
        /static let bytelyst(Light|Dark)(\w+) = Color\(red: (\d+) \/ 255, green: (\d+) \/ 255, blue: (\d+) \/ 255, opacity: 1\)/g,
      ),
    ];
    expect(colors).toHaveLength(COLOR_ROLES.length * 2);
    for (const [, mode = '', role = '', r, g, b] of colors) {
      const key = (role.charAt(0).toLowerCase() + role.slice(1)) as (typeof COLOR_ROLES)[number];
      const hex = theme.colors[mode.toLowerCase() as 'light' | 'dark'][key];
      expect([Number(r), Number(g), Number(b)], `${mode}${role}`).toEqual(rgbOf(hex));
    }
    for (const [step, v] of Object.entries(theme.spacing))
      expect(swift).toContain(`public static let ${step}: CGFloat = ${v}`);
    for (const [step, v] of Object.entries(theme.radius))
      expect(swift).toContain(`public static let ${step}: CGFloat = ${v}`);
    expect(swift).toContain('public static let md: CGFloat = 14');
  });
});
