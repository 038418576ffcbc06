import { DEFAULT_THEME } from '@bytelyst/design-tokens';
import { describe, expect, it } from 'vitest';
import { PREVIEW_BRAND, themedBrand } from './brand';
import { renderEmail } from './render';
import { TEMPLATE_NAMES, TEMPLATE_PREVIEW_PROPS } from './templates';

/** Mail in a product's published theme: the brand's colours come from the theme passed at render time. */
describe('themed brand', () => {
  it('renders every template unchanged with the default theme (it is the platform colours)', async () => {
    for (const name of TEMPLATE_NAMES) {
      const props = TEMPLATE_PREVIEW_PROPS[name];
      const plain = await renderEmail(name, props);
      const themed = await renderEmail(name, { ...props, brand: themedBrand(props.brand, DEFAULT_THEME) });
      expect(themed.html, name).toBe(plain.html);
    }
  });

  it("paints a published theme's colours, light inline and dark in the repaint", async () => {
    const theme = structuredClone(DEFAULT_THEME);
    theme.colors.light.primary = '#0f766e';
    theme.colors.light.onPrimary = '#f0fdfa';
    theme.colors.light.surface = '#fffdf7';
    theme.colors.light.onSurface = '#1c1917';
    theme.colors.dark.primary = '#5eead4';
    theme.colors.dark.surface = '#1c1917';
    const brand = themedBrand(PREVIEW_BRAND, theme);
    expect(themedBrand(PREVIEW_BRAND, null)).toBe(PREVIEW_BRAND);
    const { html } = await renderEmail('password-reset', {
      ...TEMPLATE_PREVIEW_PROPS['password-reset'],
      brand,
    });
    expect(html).toContain('background-color:#0f766e');
    expect(html).toContain('color:#f0fdfa');
    expect(html).toContain('border-top:4px solid #0f766e');
    expect(html).toContain('background-color:#fffdf7');
    expect(html).toContain('color:#1c1917');
    expect(html).toContain('.em-link{color:#5eead4 !important}');
    expect(html).toContain('.em-card{background-color:#1c1917 !important');
    // Nothing of the default accent is left.
    expect(html).not.toContain('#4f46e5');
  });
});
