'use client';

import { Button } from '~/components/kit/button';
import { Icon } from '~/components/kit/icon';
import type { HeaderRow } from './endpoint-form';
import styles from './webhooks.module.css';

type Props = {
  rows: readonly HeaderRow[];
  error?: string | undefined;
  onChange: (next: HeaderRow[]) => void;
};

/** Custom headers every message carries (a receiver's own auth, a tenant id), as name and value rows. */
export function HeadersField({ rows, error, onChange }: Props) {
  const update = (index: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="field">
      <div className={styles.fieldHead}>
        <span className="field-label">Custom headers</span>
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, { name: '', value: '' }])}>
          <Icon name="plus" size={14} />
          Add header
        </Button>
      </div>
      {rows.map((row, index) => (
        <div key={index} className={styles.headerRow}>
          <input
            className="input"
            aria-label={`Header ${index + 1} name`}
            placeholder="X-Tenant"
            spellCheck={false}
            value={row.name}
            aria-invalid={error ? true : undefined}
            onChange={(event) => update(index, { name: event.target.value })}
          />
          <input
            className="input"
            aria-label={`Header ${index + 1} value`}
            placeholder="Value"
            spellCheck={false}
            value={row.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove header ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Icon name="trash" size={14} />
          </Button>
        </div>
      ))}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint">
          {rows.length === 0 ? 'None. ' : ''}Sent with every message; the <code>webhook-*</code> headers are
          set by the platform.
        </span>
      )}
    </div>
  );
}
