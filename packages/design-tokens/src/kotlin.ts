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

export type KotlinOptions = { packageName?: string; objectName?: string };

/** `#4f46e5` -> `0xFF4F46E5` (opaque ARGB, as Compose's `Color(Long)` takes it). */
export const argbLiteral = (hex: string) => `0xFF${hex.slice(1).toUpperCase()}`;

/** Font stacks pass FONT_STACK, so only quotes and backslashes need escaping (`$` cannot occur). */
const kotlinString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const palette = (name: string, colors: ColorPalette) => [
  `    object ${name} {`,
  ...entries(colors, COLOR_ROLES).map(
    ([role, hex]) => `        val ${pascal(role)} = Color(${argbLiteral(hex)})`,
  ),
  '    }',
];

/** Material 3's roles from ours: error is danger, outline the border, onSurfaceVariant the muted text. */
const scheme = (fn: 'lightColorScheme' | 'darkColorScheme', mode: 'Light' | 'Dark') => [
  `    val ${mode}Colors = ${fn}(`,
  ...[
    ['primary', 'Primary'],
    ['onPrimary', 'OnPrimary'],
    ['secondary', 'Secondary'],
    ['onSecondary', 'OnSecondary'],
    ['background', 'Background'],
    ['onBackground', 'OnBackground'],
    ['surface', 'Surface'],
    ['onSurface', 'OnSurface'],
    ['onSurfaceVariant', 'TextMuted'],
    ['outline', 'Border'],
    ['error', 'Danger'],
    ['onError', 'OnDanger'],
  ].map(([param, role]) => `        ${param} = ${mode}.${role},`),
  '    )',
];

const scale = (name: string, lines: string[]) => [`    object ${name} {`, ...lines, '    }'];

/** The theme for Jetpack Compose: colours per mode, Material 3 colour schemes, dp spacing and radii, sp sizes. */
export const toKotlin = (tokens: ThemeTokens, opts: KotlinOptions = {}): string => {
  const t = tokens.typography;
  return [
    `// ${GENERATED_HEADER}`,
    `package ${opts.packageName ?? 'com.bytelyst.theme'}`,
    '',
    'import androidx.compose.material3.darkColorScheme',
    'import androidx.compose.material3.lightColorScheme',
    'import androidx.compose.ui.graphics.Color',
    'import androidx.compose.ui.text.font.FontWeight',
    'import androidx.compose.ui.unit.dp',
    'import androidx.compose.ui.unit.sp',
    '',
    `object ${opts.objectName ?? 'BytelystTheme'} {`,
    ...palette('Light', tokens.colors.light),
    ...palette('Dark', tokens.colors.dark),
    ...scheme('lightColorScheme', 'Light'),
    ...scheme('darkColorScheme', 'Dark'),
    ...scale(
      'FontFamily',
      entries(t.fontFamily, FONT_FAMILIES).map(
        ([k, v]) => `        const val ${pascal(k)} = ${kotlinString(v)}`,
      ),
    ),
    ...scale(
      'FontSize',
      entries(t.fontSize, FONT_SIZES).map(([k, v]) => `        val ${pascal(k)} = ${v}.sp`),
    ),
    ...scale(
      'FontWeights',
      entries(t.fontWeight, FONT_WEIGHTS).map(([k, v]) => `        val ${pascal(k)} = FontWeight(${v})`),
    ),
    ...scale(
      'LineHeight',
      entries(t.lineHeight, LINE_HEIGHTS).map(([k, v]) => `        const val ${pascal(k)} = ${v}f`),
    ),
    ...scale(
      'Spacing',
      entries(tokens.spacing, SPACING_STEPS).map(([k, v]) => `        val ${pascal(k)} = ${v}.dp`),
    ),
    ...scale(
      'Radius',
      entries(tokens.radius, RADIUS_STEPS).map(([k, v]) => `        val ${pascal(k)} = ${v}.dp`),
    ),
    '}',
    '',
  ].join('\n');
};
