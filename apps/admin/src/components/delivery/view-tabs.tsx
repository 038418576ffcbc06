'use client';

import { type ReactNode, useId } from 'react';
import styles from './delivery.module.css';

export type ViewTab<Id extends string> = { id: Id; label: string };

/**
 * Buttons that switch what one panel shows (rendered mail, plain text, source), with the tab roles so a
 * screen reader announces the choice. The panel is the caller's `children`.
 */
export function ViewTabs<Id extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
}: {
  label: string;
  tabs: readonly ViewTab<Id>[];
  value: Id;
  onChange: (id: Id) => void;
  children: ReactNode;
}) {
  const base = useId();
  return (
    <div className="stack">
      <div className={`tabs ${styles.viewTabs}`} role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-${tab.id}`}
            aria-selected={tab.id === value}
            aria-controls={`${base}-panel`}
            className={`tab ${styles.viewTab}`}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${value}`}>
        {children}
      </div>
    </div>
  );
}

/** Two or three mutually exclusive options as pressed buttons (desktop / mobile, light / dark). */
export function Toggle<Id extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly ViewTab<Id>[];
  value: Id;
  onChange: (id: Id) => void;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring a legend and a border for two buttons
    <div className={styles.toggle} role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          className={styles.toggleButton}
          aria-pressed={option.id === value}
          onClick={() => onChange(option.id)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
