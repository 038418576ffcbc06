import type { ThemeTokens } from './schema';

/**
 * The theme a product has before it publishes its own: the colours the email templates have always used
 * (indigo accent, zinc neutrals, the dark repaint of Apple Mail and iOS), so a theme that nobody edited
 * changes nothing anyone sees. Every text pair passes WCAG AA (defaults.test.ts).
 */
export const DEFAULT_THEME: ThemeTokens = {
  colors: {
    light: {
      primary: '#4f46e5',
      onPrimary: '#ffffff',
      secondary: '#3f3f46',
      onSecondary: '#ffffff',
      background: '#f4f4f5',
      onBackground: '#18181b',
      surface: '#ffffff',
      onSurface: '#18181b',
      textMuted: '#71717a',
      border: '#e4e4e7',
      danger: '#dc2626',
      onDanger: '#ffffff',
      success: '#15803d',
      onSuccess: '#ffffff',
      warning: '#b45309',
      onWarning: '#ffffff',
      info: '#1d4ed8',
      onInfo: '#ffffff',
      focus: '#4f46e5',
    },
    dark: {
      primary: '#a7a3f2',
      onPrimary: '#09090b',
      secondary: '#d4d4d8',
      onSecondary: '#18181b',
      background: '#09090b',
      onBackground: '#f4f4f5',
      surface: '#18181b',
      onSurface: '#f4f4f5',
      textMuted: '#a1a1aa',
      border: '#27272a',
      danger: '#f87171',
      onDanger: '#09090b',
      success: '#4ade80',
      onSuccess: '#09090b',
      warning: '#fbbf24',
      onWarning: '#09090b',
      info: '#60a5fa',
      onInfo: '#09090b',
      focus: '#a7a3f2',
    },
  },
  typography: {
    fontFamily: {
      sans: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
      mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    },
    fontSize: { xs: 12, sm: 14, base: 16, lg: 18, xl: 20, xxl: 24, xxxl: 30 },
    fontWeight: { regular: 400, medium: 500, semibold: 600, bold: 700 },
    lineHeight: { tight: 1.25, normal: 1.5, relaxed: 1.75 },
  },
  spacing: { none: 0, xxs: 2, xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32, xxxl: 48 },
  radius: { none: 0, sm: 4, md: 8, lg: 12, xl: 16, full: 9999 },
};
