/**
 * The token schema: one theme is colour roles for light and dark, typography, a spacing scale and a radius
 * scale. The scales have fixed step names, so every generator can name every token and a client built against
 * one version of a theme finds the same names in the next.
 */

/** Semantic colour roles; `onX` is the text or icon colour drawn on `x`. */
export const COLOR_ROLES = [
  'primary',
  'onPrimary',
  'secondary',
  'onSecondary',
  'background',
  'onBackground',
  'surface',
  'onSurface',
  'textMuted',
  'border',
  'danger',
  'onDanger',
  'success',
  'onSuccess',
  'warning',
  'onWarning',
  'info',
  'onInfo',
  'focus',
] as const;
export type ColorRole = (typeof COLOR_ROLES)[number];

export const COLOR_MODES = ['light', 'dark'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const FONT_FAMILIES = ['sans', 'mono'] as const;
export const FONT_SIZES = ['xs', 'sm', 'base', 'lg', 'xl', 'xxl', 'xxxl'] as const;
export const FONT_WEIGHTS = ['regular', 'medium', 'semibold', 'bold'] as const;
export const LINE_HEIGHTS = ['tight', 'normal', 'relaxed'] as const;
export const SPACING_STEPS = ['none', 'xxs', 'xs', 'sm', 'md', 'lg', 'xl', 'xxl', 'xxxl'] as const;
export const RADIUS_STEPS = ['none', 'sm', 'md', 'lg', 'xl', 'full'] as const;

export type FontFamilyName = (typeof FONT_FAMILIES)[number];
export type FontSizeStep = (typeof FONT_SIZES)[number];
export type FontWeightName = (typeof FONT_WEIGHTS)[number];
export type LineHeightName = (typeof LINE_HEIGHTS)[number];
export type SpacingStep = (typeof SPACING_STEPS)[number];
export type RadiusStep = (typeof RADIUS_STEPS)[number];

/** `#rrggbb`, lower case once validated. */
export type HexColor = string;
export type ColorPalette = Record<ColorRole, HexColor>;

export type ThemeTokens = {
  colors: Record<ColorMode, ColorPalette>;
  typography: {
    /** CSS font stacks; native targets take the first family. */
    fontFamily: Record<FontFamilyName, string>;
    /** Logical pixels (CSS px, iOS pt, Android sp). */
    fontSize: Record<FontSizeStep, number>;
    /** 100–900. */
    fontWeight: Record<FontWeightName, number>;
    /** Unitless multipliers of the font size. */
    lineHeight: Record<LineHeightName, number>;
  };
  /** Logical pixels (CSS px, iOS pt, Android dp). */
  spacing: Record<SpacingStep, number>;
  /** Logical pixels; `full` is a pill. */
  radius: Record<RadiusStep, number>;
};

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** Font stacks as CSS writes them; no characters that could close a declaration or a string in any target. */
export const FONT_STACK = /^[A-Za-z0-9 ,'"._-]+$/;
