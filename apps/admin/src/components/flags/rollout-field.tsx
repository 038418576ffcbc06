'use client';

import { useId } from 'react';
import styles from './controls.module.css';

type Props = {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label?: string;
  hint?: string;
};

const FLAG_HINT =
  'Users are bucketed by a hash of the flag key and their id: the same user always gets the same answer.';

/** A rollout percentage: a slider for whole steps beside a number box for two decimals. */
export function RolloutField({
  value,
  onChange,
  error,
  label = 'Rollout percentage',
  hint = FLAG_HINT,
}: Props) {
  const id = useId();
  const numeric = Number(value);
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-slider`}>
        {label}
      </label>
      <div className={styles.rollout}>
        <input
          id={`${id}-slider`}
          className={styles.slider}
          type="range"
          min={0}
          max={100}
          step={1}
          value={Number.isFinite(numeric) ? numeric : 0}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          className="input"
          type="number"
          min={0}
          max={100}
          step={0.01}
          aria-label={`${label} (exact)`}
          aria-invalid={error ? true : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint">{hint}</span>
      )}
    </div>
  );
}
