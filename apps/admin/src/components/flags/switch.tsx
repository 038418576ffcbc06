'use client';

import styles from './controls.module.css';

type Props = {
  checked: boolean;
  /** The accessible name, e.g. "Enable new-editor". */
  label: string;
  onChange: (next: boolean) => void;
  disabled?: boolean;
  /** Red when on: for switches whose "on" is the alarming state (the kill switch). */
  tone?: 'success' | 'danger';
  id?: string;
};

/** An on/off switch (`role="switch"`), for states that apply at once rather than on a form's submit. */
export function Switch({ checked, label, onChange, disabled, tone = 'success', id }: Props) {
  return (
    <button
      type="button"
      id={id}
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      className={tone === 'danger' ? `${styles.switch} ${styles.danger}` : styles.switch}
      onClick={() => onChange(!checked)}
    />
  );
}
