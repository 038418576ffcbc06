import { COLOR_MODES, type ColorMode, type ColorRole, type ThemeTokens } from './schema';

/** The 0–255 channels of a `#rrggbb` colour. */
export const rgbOf = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** WCAG 2.x relative luminance (sRGB, the 0.03928 threshold the recommendation states). */
export const relativeLuminance = (hex: string): number => {
  const [r, g, b] = rgbOf(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG 2.x contrast ratio, 1 to 21, order of the two colours irrelevant. */
export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/**
 * AA minimums: normal text 4.5 (1.4.3), large text (18 pt, or 14 pt bold) 3.0, and user-interface parts such as
 * the focus ring 3.0 (1.4.11).
 */
export const AA_MINIMUM = { text: 4.5, large: 3, ui: 3 } as const;
export type PairKind = keyof typeof AA_MINIMUM;

/** A foreground drawn on a background somewhere a client will draw it. */
export type TextPair = { foreground: ColorRole; background: ColorRole; kind: PairKind; usage: string };

export const TEXT_PAIRS: readonly TextPair[] = [
  { foreground: 'onBackground', background: 'background', kind: 'text', usage: 'Body text on the page' },
  { foreground: 'onSurface', background: 'surface', kind: 'text', usage: 'Text on cards and inputs' },
  { foreground: 'textMuted', background: 'surface', kind: 'text', usage: 'Secondary text on cards' },
  { foreground: 'primary', background: 'surface', kind: 'text', usage: 'Links on cards' },
  { foreground: 'primary', background: 'background', kind: 'large', usage: 'Headings in the brand colour' },
  { foreground: 'onPrimary', background: 'primary', kind: 'text', usage: 'Primary button label' },
  { foreground: 'onSecondary', background: 'secondary', kind: 'text', usage: 'Secondary button label' },
  { foreground: 'danger', background: 'surface', kind: 'text', usage: 'Error messages' },
  { foreground: 'onDanger', background: 'danger', kind: 'text', usage: 'Danger alert and button' },
  { foreground: 'onSuccess', background: 'success', kind: 'text', usage: 'Success alert' },
  { foreground: 'onWarning', background: 'warning', kind: 'text', usage: 'Warning alert' },
  { foreground: 'onInfo', background: 'info', kind: 'text', usage: 'Info alert' },
  { foreground: 'focus', background: 'surface', kind: 'ui', usage: 'Focus ring' },
];

export type ContrastCheck = TextPair & {
  mode: ColorMode;
  /** The ratio to two decimals, as WCAG tools print it (4.48 for #777 on white). */
  ratio: number;
  minimum: number;
  pass: boolean;
  /** The token a fix would change: `colors.<mode>.<foreground>`. */
  path: string;
};

/** Every listed pair in both modes. A pass compares the exact ratio, not the rounded one. */
export const checkContrast = (tokens: ThemeTokens): ContrastCheck[] =>
  COLOR_MODES.flatMap((mode) =>
    TEXT_PAIRS.map((pair) => {
      const palette = tokens.colors[mode];
      const exact = contrastRatio(palette[pair.foreground], palette[pair.background]);
      const minimum = AA_MINIMUM[pair.kind];
      return {
        ...pair,
        mode,
        ratio: Math.round(exact * 100) / 100,
        minimum,
        pass: exact >= minimum,
        path: `colors.${mode}.${pair.foreground}`,
      };
    }),
  );
