import postcss, { type AtRule, type Rule } from 'postcss';
import { describe, expect, it } from 'vitest';
import { colorVar, ROOT_FONT_PX, toCss } from './css';
import { DEFAULT_THEME } from './defaults';
import { COLOR_ROLES, type ColorPalette, type ThemeTokens } from './schema';

const theme: ThemeTokens = {
  ...structuredClone(DEFAULT_THEME),
  typography: {
    ...structuredClone(DEFAULT_THEME.typography),
    fontFamily: { sans: '"Inter Variable", Inter, sans-serif', mono: "'JetBrains Mono', monospace" },
  },
};
theme.colors.light.primary = '#0f766e';
theme.colors.dark.primary = '#5eead4';

/** The custom properties declared directly in a rule, by name. */
const declsOf = (rule: Rule) => {
  const out: Record<string, string> = {};
  rule.each((node) => {
    if (node.type === 'decl') out[node.prop] = node.value;
  });
  return out;
};

const colorsOf = (decls: Record<string, string>): ColorPalette =>
  Object.fromEntries(COLOR_ROLES.map((role) => [role, decls[colorVar(role)]])) as ColorPalette;

describe('toCss', () => {
  const root = postcss.parse(toCss(theme));
  const rules: Rule[] = [];
  root.walkRules((rule) => {
    rules.push(rule);
  });

  it('parses, and the light custom properties read back equal the tokens', () => {
    const light = rules.find((r) => r.selector === ':root' && r.parent?.type === 'root');
    expect(light).toBeDefined();
    const decls = declsOf(light as Rule);
    expect(colorsOf(decls)).toEqual(theme.colors.light);
    expect(decls['color-scheme']).toBe('light');
    expect(decls['--font-family-sans']).toBe(theme.typography.fontFamily.sans);
    expect(decls['--font-family-mono']).toBe(theme.typography.fontFamily.mono);
    for (const [step, px] of Object.entries(theme.typography.fontSize)) {
      const value = decls[`--font-size-${step}`] ?? '';
      expect(value).toMatch(/rem$/);
      expect(Number.parseFloat(value) * ROOT_FONT_PX).toBeCloseTo(px, 6);
    }
    for (const [name, weight] of Object.entries(theme.typography.fontWeight))
      expect(Number(decls[`--font-weight-${name}`])).toBe(weight);
    for (const [name, lh] of Object.entries(theme.typography.lineHeight))
      expect(Number(decls[`--line-height-${name}`])).toBe(lh);
    for (const [step, px] of Object.entries(theme.spacing))
      expect(decls[`--spacing-${step}`]).toBe(`${px}px`);
    for (const [step, px] of Object.entries(theme.radius)) expect(decls[`--radius-${step}`]).toBe(`${px}px`);
  });

  it('declares dark under prefers-color-scheme and under [data-theme="dark"]', () => {
    const media = rules.find((r) => r.parent?.type === 'atrule') as Rule;
    const at = media.parent as AtRule;
    expect(at.name).toBe('media');
    expect(at.params).toBe('(prefers-color-scheme: dark)');
    expect(media.selector).toBe(':root:not([data-theme="light"])');
    expect(colorsOf(declsOf(media))).toEqual(theme.colors.dark);
    const pinned = rules.find((r) => r.selector === '[data-theme="dark"]');
    expect(colorsOf(declsOf(pinned as Rule))).toEqual(theme.colors.dark);
    expect(declsOf(pinned as Rule)['color-scheme']).toBe('dark');
    expect(rules).toHaveLength(3);
  });
});
