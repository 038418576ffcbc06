import { rgbOf } from './contrast';
import { entries, GENERATED_HEADER, pascal } from './names';
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

export type SwiftOptions = { prefix?: string };

/** Channels as `n / 255`, so the value is exact rather than a rounded decimal. */
export const swiftColor = (hex: string) => {
  const [r, g, b] = rgbOf(hex);
  return `Color(red: ${r} / 255, green: ${g} / 255, blue: ${b} / 255, opacity: 1)`;
};

const SWIFT_WEIGHTS: Record<number, string> = {
  100: 'ultraLight',
  200: 'thin',
  300: 'light',
  400: 'regular',
  500: 'medium',
  600: 'semibold',
  700: 'bold',
  800: 'heavy',
  900: 'black',
};

const swiftString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const colors = (prefix: string, mode: string, palette: ColorPalette) =>
  entries(palette, COLOR_ROLES).map(
    ([role, hex]) => `    static let ${prefix}${mode}${pascal(role)} = ${swiftColor(hex)}`,
  );

const namespace = (name: string, lines: string[]) => [`public enum ${name} {`, ...lines, '}', ''];

/** The theme for SwiftUI: `Color` statics per mode, CGFloat spacing, radii and sizes, fonts and weights. */
export const toSwift = (tokens: ThemeTokens, opts: SwiftOptions = {}): string => {
  const prefix = opts.prefix ?? 'Bytelyst';
  const lower = prefix.charAt(0).toLowerCase() + prefix.slice(1);
  const t = tokens.typography;
  return [
    `// ${GENERATED_HEADER}`,
    'import SwiftUI',
    '',
    'public extension Color {',
    ...colors(lower, 'Light', tokens.colors.light),
    ...colors(lower, 'Dark', tokens.colors.dark),
    '}',
    '',
    ...namespace(
      `${prefix}Spacing`,
      entries(tokens.spacing, SPACING_STEPS).map(([k, v]) => `    public static let ${k}: CGFloat = ${v}`),
    ),
    ...namespace(
      `${prefix}Radius`,
      entries(tokens.radius, RADIUS_STEPS).map(([k, v]) => `    public static let ${k}: CGFloat = ${v}`),
    ),
    ...namespace(
      `${prefix}FontSize`,
      entries(t.fontSize, FONT_SIZES).map(([k, v]) => `    public static let ${k}: CGFloat = ${v}`),
    ),
    ...namespace(
      `${prefix}FontWeight`,
      entries(t.fontWeight, FONT_WEIGHTS).map(
        ([k, v]) => `    public static let ${k}: Font.Weight = .${SWIFT_WEIGHTS[v] ?? 'regular'}`,
      ),
    ),
    ...namespace(
      `${prefix}LineHeight`,
      entries(t.lineHeight, LINE_HEIGHTS).map(([k, v]) => `    public static let ${k}: CGFloat = ${v}`),
    ),
    ...namespace(
      `${prefix}FontFamily`,
      entries(t.fontFamily, FONT_FAMILIES).map(([k, v]) => `    public static let ${k} = ${swiftString(v)}`),
    ),
    ...namespace(
      `${prefix}Font`,
      entries(t.fontSize, FONT_SIZES).map(([k, v]) => `    public static let ${k} = Font.system(size: ${v})`),
    ),
  ].join('\n');
};
