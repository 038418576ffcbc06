import { entries, GENERATED_HEADER, kebab } from './names';
import {
  COLOR_ROLES,
  type ColorPalette,
  FONT_FAMILIES,
  FONT_SIZES,
  FONT_WEIGHTS,
  LINE_HEIGHTS,
  RADIUS_STEPS,
  SPACING_STEPS,
  type ThemeTokens,
} from './schema';

/** Browsers' default root font size: font sizes go out in rem so a user's larger default scales them. */
export const ROOT_FONT_PX = 16;

const rem = (px: number) => `${Number((px / ROOT_FONT_PX).toFixed(4))}rem`;

/** The custom property of a colour role: `--color-on-primary`. */
export const colorVar = (role: string) => `--color-${kebab(role)}`;

const colorLines = (palette: ColorPalette, indent: string) =>
  entries(palette, COLOR_ROLES).map(([role, value]) => `${indent}${colorVar(role)}: ${value};`);

/** Every token but the colours, which differ by mode. */
export const scaleDeclarations = (tokens: ThemeTokens): [string, string][] => {
  const t = tokens.typography;
  return [
    ...entries(t.fontFamily, FONT_FAMILIES).map(([k, v]): [string, string] => [`--font-family-${k}`, v]),
    ...entries(t.fontSize, FONT_SIZES).map(([k, v]): [string, string] => [`--font-size-${k}`, rem(v)]),
    ...entries(t.fontWeight, FONT_WEIGHTS).map(([k, v]): [string, string] => [
      `--font-weight-${k}`,
      String(v),
    ]),
    ...entries(t.lineHeight, LINE_HEIGHTS).map(([k, v]): [string, string] => [
      `--line-height-${k}`,
      String(v),
    ]),
    ...entries(tokens.spacing, SPACING_STEPS).map(([k, v]): [string, string] => [`--spacing-${k}`, `${v}px`]),
    ...entries(tokens.radius, RADIUS_STEPS).map(([k, v]): [string, string] => [`--radius-${k}`, `${v}px`]),
  ];
};

/**
 * The theme as CSS custom properties: light on `:root`; dark when the system asks for it (unless the page
 * pins `data-theme="light"`) and whenever the page sets `data-theme="dark"`.
 */
export const toCss = (tokens: ThemeTokens): string =>
  [
    `/* ${GENERATED_HEADER} */`,
    ':root {',
    '  color-scheme: light;',
    ...colorLines(tokens.colors.light, '  '),
    ...scaleDeclarations(tokens).map(([name, value]) => `  ${name}: ${value};`),
    '}',
    '@media (prefers-color-scheme: dark) {',
    '  :root:not([data-theme="light"]) {',
    '    color-scheme: dark;',
    ...colorLines(tokens.colors.dark, '    '),
    '  }',
    '}',
    '[data-theme="dark"] {',
    '  color-scheme: dark;',
    ...colorLines(tokens.colors.dark, '  '),
    '}',
    '',
  ].join('\n');
