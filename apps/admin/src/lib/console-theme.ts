import { contrastRatio, FONT_STACK, HEX_COLOR, rgbOf } from '@bytelyst/design-tokens';

/** The console's own light surfaces (globals.css `--surface` and `--bg`), which every mapped colour sits on. */
const CONSOLE_SURFACES = ['#ffffff', '#f7f7f8'];
const TEXT_AA = 4.5;
const UI_AA = 3;

/** The published colours the console reads (the web answer of `GET /v1/themes/current`). */
export type ConsoleThemeInput = {
  version: number;
  colors: { light: Record<string, string> };
  typography: { fontFamily: Record<string, string> };
};

/** `a` moved toward `b` by `amount` (0–1), per channel. */
export const mix = (a: string, b: string, amount: number): string => {
  const [x, y] = [rgbOf(a), rgbOf(b)];
  return `#${x
    .map((channel, i) => Math.round(channel + ((y[i] ?? 0) - channel) * amount))
    .map((channel) => channel.toString(16).padStart(2, '0'))
    .join('')}`;
};

const readableOnConsole = (hex: string, minimum: number) =>
  CONSOLE_SURFACES.every((surface) => contrastRatio(hex, surface) >= minimum);

/**
 * The product's published theme as overrides of the console's own custom properties. The console keeps its
 * neutral chrome (page, cards, sidebar, text); the brand's primary becomes its accent and the status colours its
 * own, each only when it keeps AA on the console's surfaces (and the accent's label on the accent), so a theme
 * tuned for a dark app cannot make the console unreadable. Empty for the default theme (version 0).
 */
export const consoleThemeDeclarations = (theme: ConsoleThemeInput): [string, string][] => {
  if (theme.version === 0) return [];
  const light = theme.colors.light;
  const color = (role: string) => {
    const value = light[role];
    return value && HEX_COLOR.test(value) ? value.toLowerCase() : undefined;
  };
  const out: [string, string][] = [];
  const primary = color('primary');
  const onPrimary = color('onPrimary');
  if (
    primary &&
    onPrimary &&
    readableOnConsole(primary, TEXT_AA) &&
    contrastRatio(onPrimary, primary) >= TEXT_AA &&
    contrastRatio(onPrimary, mix(primary, '#000000', 0.12)) >= TEXT_AA
  ) {
    out.push(
      ['--accent', primary],
      ['--accent-hover', mix(primary, '#000000', 0.12)],
      ['--accent-soft', mix(primary, '#ffffff', 0.9)],
      ['--on-accent', onPrimary],
    );
  }
  const focus = color('focus');
  if (focus && readableOnConsole(focus, UI_AA)) {
    const [r, g, b] = rgbOf(focus);
    out.push(['--focus-ring', `0 0 0 3px rgba(${r}, ${g}, ${b}, 0.35)`]);
  }
  for (const role of ['danger', 'success', 'warning', 'info']) {
    const value = color(role);
    if (value && readableOnConsole(value, TEXT_AA)) out.push([`--${role}`, value]);
  }
  const danger = out.find(([name]) => name === '--danger')?.[1];
  if (danger) out.push(['--danger-hover', mix(danger, '#000000', 0.1)]);
  const sans = theme.typography.fontFamily.sans;
  if (sans && FONT_STACK.test(sans)) out.push(['--font-sans', sans]);
  return out;
};

/** The declarations as one `:root` rule, or '' when there is nothing to override. */
export const consoleThemeCss = (theme: ConsoleThemeInput): string => {
  const declarations = consoleThemeDeclarations(theme);
  if (declarations.length === 0) return '';
  return `:root{${declarations.map(([name, value]) => `${name}:${value}`).join(';')}}`;
};
