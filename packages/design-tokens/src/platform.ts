import { ROOT_FONT_PX } from './css';
import type { ThemeTokens } from './schema';

export const PLATFORMS = ['web', 'ios', 'android', 'desktop'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The unit each dimension group is given in, per platform. */
export const PLATFORM_UNITS = {
  web: { fontSize: 'rem', spacing: 'px', radius: 'px' },
  ios: { fontSize: 'pt', spacing: 'pt', radius: 'pt' },
  android: { fontSize: 'sp', spacing: 'dp', radius: 'dp' },
  desktop: { fontSize: 'px', spacing: 'px', radius: 'px' },
} as const satisfies Record<Platform, Record<'fontSize' | 'spacing' | 'radius', string>>;

type Dimension = number | string;
const mapValues = <K extends string>(record: Record<K, number>, fn: (value: number) => Dimension) =>
  Object.fromEntries(Object.entries<number>(record).map(([key, value]) => [key, fn(value)])) as Record<
    K,
    Dimension
  >;

/**
 * The tokens as a client on `platform` uses them: on the web dimensions are CSS lengths (font sizes in rem so the
 * user's default font size scales them), on Android `dp`/`sp` strings as resources write them, on iOS and
 * desktop plain numbers (points, pixels). Colours are `#rrggbb` everywhere.
 */
export const tokensForPlatform = (tokens: ThemeTokens, platform: Platform) => {
  const units = PLATFORM_UNITS[platform];
  const size =
    (unit: string) =>
    (value: number): Dimension => {
      if (unit === 'rem') return `${Number((value / ROOT_FONT_PX).toFixed(4))}rem`;
      if (unit === 'px' && platform === 'web') return `${value}px`;
      if (unit === 'dp' || unit === 'sp') return `${value}${unit}`;
      return value;
    };
  return {
    platform,
    units,
    colors: tokens.colors,
    typography: {
      fontFamily: tokens.typography.fontFamily,
      fontSize: mapValues(tokens.typography.fontSize, size(units.fontSize)),
      fontWeight: tokens.typography.fontWeight,
      lineHeight: tokens.typography.lineHeight,
    },
    spacing: mapValues(tokens.spacing, size(units.spacing)),
    radius: mapValues(tokens.radius, size(units.radius)),
  };
};
export type PlatformTokens = ReturnType<typeof tokensForPlatform>;
