import {
  COLOR_ROLES,
  type ColorMode,
  colorVar,
  scaleDeclarations,
  type ThemeTokens,
} from '@bytelyst/design-tokens';
import type { CSSProperties } from 'react';
import styles from './themes.module.css';

/** The theme's custom properties, exactly as the generated CSS names them, on one element. */
const varsOf = (tokens: ThemeTokens, mode: ColorMode): CSSProperties => {
  const vars: Record<string, string> = {};
  for (const role of COLOR_ROLES) vars[colorVar(role)] = tokens.colors[mode][role];
  for (const [name, value] of scaleDeclarations(tokens)) vars[name] = value;
  return vars as CSSProperties;
};

const ALERTS = [
  ['danger', 'Payment failed. Update your card to keep your plan.'],
  ['success', 'Saved. Your changes are live.'],
  ['warning', 'Your trial ends in 3 days.'],
  ['info', 'A new version is available.'],
] as const;

/** Sample components painted with the theme: what a client built from the generated files looks like. */
function Sample({ tokens, mode }: { tokens: ThemeTokens; mode: ColorMode }) {
  const label = mode === 'light' ? 'Light preview' : 'Dark preview';
  return (
    <section className={styles.preview} style={varsOf(tokens, mode)} aria-label={label} data-mode={mode}>
      <p className={styles.previewMode}>{mode === 'light' ? 'Light' : 'Dark'}</p>
      <h3 className={styles.previewHeading}>Welcome back</h3>
      <p className={styles.previewText}>
        Body text on the page, with <a href="#preview">a link to your account</a> in it.
      </p>
      <div className={styles.previewCard}>
        <p className={styles.previewCardTitle}>Card title</p>
        <p className={styles.previewMuted}>Secondary text on a card.</p>
        <label className={styles.previewLabel}>
          Email
          <input className={styles.previewInput} readOnly value="ada@example.com" />
        </label>
        <div className={styles.previewButtons}>
          <button type="button" className={styles.previewPrimary}>
            Primary action
          </button>
          <button type="button" className={styles.previewSecondary}>
            Secondary
          </button>
        </div>
      </div>
      {ALERTS.map(([role, text]) => (
        <p key={role} className={styles.previewAlert} data-role={role} role="note">
          {text}
        </p>
      ))}
    </section>
  );
}

export function ThemePreview({ tokens }: { tokens: ThemeTokens }) {
  return (
    <div className={styles.previews}>
      <Sample tokens={tokens} mode="light" />
      <Sample tokens={tokens} mode="dark" />
    </div>
  );
}
