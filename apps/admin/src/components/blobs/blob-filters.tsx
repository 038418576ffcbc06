'use client';

import {
  BLOB_CONTAINER_NAMES,
  BLOB_CONTAINERS,
  type TBlobContainer,
} from '@bytelyst/routers/modules/blob/schema';
import { SelectField, TextField } from '~/components/kit/field';
import styles from './blobs.module.css';
import type { BlobFilterValues } from './blobs-list';
import { formatBytes } from './format-bytes';

export function BlobFilters({
  value,
  onChange,
}: {
  value: BlobFilterValues;
  onChange: (next: BlobFilterValues) => void;
}) {
  const rule = BLOB_CONTAINERS[value.container];
  return (
    <div className="stack-tight">
      <search className="filters">
        <SelectField
          label="Container"
          value={value.container}
          options={BLOB_CONTAINER_NAMES.map((name) => ({ value: name, label: name }))}
          onChange={(event) => onChange({ container: event.target.value as TBlobContainer, prefix: '' })}
        />
        <TextField
          className="field-grow"
          label="Key prefix"
          type="search"
          placeholder="e.g. users/ or reports/2026/"
          maxLength={900}
          value={value.prefix}
          onChange={(event) => onChange({ ...value, prefix: event.target.value })}
        />
      </search>
      <p className={styles.rules}>
        {rule.description} · up to {formatBytes(rule.maxBytes)} ·{' '}
        {rule.access === 'admin' ? 'admins upload' : 'users upload under users/<id>/'} ·{' '}
        {rule.contentTypes.join(', ')}
      </p>
    </div>
  );
}
