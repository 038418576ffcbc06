import { DEFAULT_THEME } from '@bytelyst/design-tokens';
import { describe, expect, it } from 'vitest';
import { checkForm, effectiveTokens, formErrorsFromApi, formOf, words } from './token-form';

describe('the token editor form', () => {
  it('round-trips a theme through its string fields', () => {
    const form = formOf(DEFAULT_THEME);
    expect(form['colors.dark.primary']).toBe('#a7a3f2');
    expect(form['spacing.md']).toBe('12');
    expect(checkForm(form)).toEqual({ tokens: DEFAULT_THEME, errors: {} });
  });

  it('names the fields the API would refuse, and previews with the last good value meanwhile', () => {
    const form = { ...formOf(DEFAULT_THEME), 'colors.light.primary': '#12', 'radius.md': '' };
    expect(checkForm(form).errors).toEqual({
      'colors.light.primary': 'Expected a #rrggbb colour',
      'radius.md': 'Expected a number',
    });
    const shown = effectiveTokens({ ...form, 'colors.dark.primary': '#123456' }, DEFAULT_THEME);
    expect(shown.colors.light.primary).toBe(DEFAULT_THEME.colors.light.primary);
    expect(shown.colors.dark.primary).toBe('#123456');
    expect(formErrorsFromApi({ 'tokens.colors.light.onPrimary': 'x' })).toEqual({
      'colors.light.onPrimary': 'x',
    });
    expect(words('onPrimary')).toBe('On primary');
  });
});
