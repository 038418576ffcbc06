'use client';

import Link from 'next/link';
import { useId } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import styles from './webhooks.module.css';

type Props = {
  value: readonly string[];
  draft: string;
  /** Public event types and domain wildcards, offered while typing. */
  suggestions: readonly string[];
  error?: string | undefined;
  onChange: (next: string[]) => void;
  onDraft: (next: string) => void;
};

/**
 * The endpoint's event filter: chips for the chosen types and wildcards, and a box that suggests the
 * catalogue's public types (and `domain.*`) while accepting any wildcard typed.
 */
export function EventTypesField({ value, draft, suggestions, error, onChange, onDraft }: Props) {
  const labelId = useId();
  const listId = useId();
  const add = () => {
    const entry = draft.trim();
    if (entry && !value.includes(entry)) onChange([...value, entry]);
    onDraft('');
  };
  return (
    <div className="field">
      <div className={styles.fieldHead}>
        <span className="field-label" id={labelId}>
          Event types
        </span>
        <Link href="/ops/events/catalogue" target="_blank" rel="noopener" className={styles.fieldLink}>
          <Icon name="book" size={12} />
          Event catalogue
        </Link>
      </div>
      <ul className={`badge-list ${styles.chips}`} aria-labelledby={labelId}>
        {value.length === 0 ? (
          <li>
            <Badge tone="info">All public events</Badge>
          </li>
        ) : (
          value.map((type) => (
            <li key={type} className={styles.chip}>
              {type}
              <button
                type="button"
                className={styles.chipRemove}
                aria-label={`Remove ${type}`}
                onClick={() => onChange(value.filter((entry) => entry !== type))}
              >
                <Icon name="x" size={12} />
              </button>
            </li>
          ))
        )}
      </ul>
      <div className={styles.addRow}>
        <TextField
          label="Add event type"
          list={listId}
          value={draft}
          placeholder="user.created or subscription.*"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            add();
          }}
        />
        <Button onClick={add} disabled={!draft.trim()}>
          Add
        </Button>
      </div>
      <datalist id={listId}>
        {suggestions.map((entry) => (
          <option key={entry} value={entry} />
        ))}
      </datalist>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint">
          None chosen: every public event. A wildcard such as <code>subscription.*</code> takes a whole
          domain, including types added later.
        </span>
      )}
    </div>
  );
}
