import { contrastRatio, DEFAULT_THEME } from '@bytelyst/design-tokens';
import { describe, expect, it } from 'vitest';
import { consoleThemeCss, consoleThemeDeclarations, mix } from './console-theme';

const published = (light: Partial<typeof DEFAULT_THEME.colors.light>, version = 3) => ({
  version,
  colors: { light: { ...DEFAULT_THEME.colors.light, ...light } },
  typography: { fontFamily: { ...DEFAULT_THEME.typography.fontFamily, sans: 'Inter, sans-serif' } },
});

describe('the console in the published theme', () => {
  it('leaves the console as it is for the default theme (version 0)', () => {
    expect(consoleThemeCss(published({}, 0))).toBe('');
  });

  it('maps the primary onto the accent, with hover, soft and label, and keeps the label readable', () => {
    const declarations = Object.fromEntries(consoleThemeDeclarations(published({ primary: '#0f766e' })));
    expect(declarations).toMatchObject({
      '--accent': '#0f766e',
      '--accent-hover': mix('#0f766e', '#000000', 0.12),
      '--accent-soft': mix('#0f766e', '#ffffff', 0.9),
      '--on-accent': '#ffffff',
      '--focus-ring': '0 0 0 3px rgba(79, 70, 229, 0.35)',
      '--danger': DEFAULT_THEME.colors.light.danger,
      '--font-sans': 'Inter, sans-serif',
    });
    expect(contrastRatio('#ffffff', declarations['--accent-hover'] ?? '')).toBeGreaterThanOrEqual(4.5);
    expect(consoleThemeCss(published({ primary: '#0f766e' }))).toMatch(/^:root\{--accent:#0f766e;.*\}$/);
  });

  it('skips a colour that would fail AA on the console (a pale accent, a light warning)', () => {
    const names = consoleThemeDeclarations(published({ primary: '#7dd3fc', warning: '#fde68a' })).map(
      ([n]) => n,
    );
    expect(names).not.toContain('--accent');
    expect(names).not.toContain('--on-accent');
    expect(names).not.toContain('--warning');
    expect(names).toContain('--danger');
    // A label that fails on the primary keeps the console's accent too.
    const label = consoleThemeDeclarations(published({ primary: '#0f766e', onPrimary: '#115e59' }));
    expect(label.map(([n]) => n)).not.toContain('--accent');
  });

  it('drops what is not a colour or a safe font stack, whatever the API sent', () => {
    const hostile = published({ danger: 'red;}body{display:none' });
    hostile.typography.fontFamily.sans = 'x;}</style><script>';
    const css = consoleThemeCss(hostile);
    expect(css).not.toContain('display:none');
    expect(css).not.toContain('script');
  });
});
