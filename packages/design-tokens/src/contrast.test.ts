import { describe, expect, it } from 'vitest';
import { checkContrast, contrastRatio, relativeLuminance } from './contrast';
import { DEFAULT_THEME } from './defaults';

const round = (n: number) => Math.round(n * 100) / 100;

describe('WCAG 2.x contrast', () => {
  it('matches the published reference ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(round(contrastRatio('#777777', '#ffffff'))).toBe(4.48);
    // #767676 is the lightest grey that passes AA on white.
    expect(round(contrastRatio('#767676', '#ffffff'))).toBe(4.54);
    expect(round(contrastRatio('#ffffff', '#4f46e5'))).toBe(6.29);
    expect(contrastRatio('#336699', '#336699')).toBe(1);
    expect(contrastRatio('#ffffff', '#777777')).toBe(contrastRatio('#777777', '#ffffff'));
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
  });

  it('passes every pair of the default theme in both modes', () => {
    const checks = checkContrast(DEFAULT_THEME);
    expect(checks).toHaveLength(26);
    expect(checks.filter((c) => !c.pass)).toEqual([]);
  });

  it('fails a pair on the exact ratio and names the token to fix', () => {
    const theme = structuredClone(DEFAULT_THEME);
    theme.colors.light.onPrimary = '#777777';
    theme.colors.light.primary = '#ffffff';
    theme.colors.dark.focus = '#222222';
    const failing = checkContrast(theme).filter((c) => !c.pass);
    const button = failing.find((c) => c.foreground === 'onPrimary' && c.mode === 'light');
    // Printed as 4.48, and 4.48 < 4.5 fails: the rounding does not pass it.
    expect(button).toMatchObject({ ratio: 4.48, minimum: 4.5, path: 'colors.light.onPrimary' });
    const focus = failing.find((c) => c.foreground === 'focus');
    expect(focus).toMatchObject({ mode: 'dark', kind: 'ui', minimum: 3, path: 'colors.dark.focus' });
  });
});
