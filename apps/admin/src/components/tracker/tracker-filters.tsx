'use client';

import type { TItemSort } from '@bytelyst/routers/modules/tracker/items/schema';
import { SelectField, TextField } from '~/components/kit/field';
import { KIND_LABELS, optionsOf, STATUS_LABELS } from './labels';
import type { TrackerFilterValues } from './tracker-list';

const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'updated', label: 'Recently updated' },
  { value: 'votes', label: 'Most voted' },
];

export function TrackerFilters({
  value,
  onChange,
}: {
  value: TrackerFilterValues;
  onChange: (next: TrackerFilterValues) => void;
}) {
  return (
    <search className="filters">
      <SelectField
        label="Filter by kind"
        value={value.kind}
        options={[{ value: '', label: 'All kinds' }, ...optionsOf(KIND_LABELS)]}
        onChange={(event) => onChange({ ...value, kind: event.target.value as TrackerFilterValues['kind'] })}
      />
      <SelectField
        label="Filter by status"
        value={value.status}
        options={[{ value: '', label: 'Any status' }, ...optionsOf(STATUS_LABELS)]}
        onChange={(event) =>
          onChange({ ...value, status: event.target.value as TrackerFilterValues['status'] })
        }
      />
      <TextField
        label="Tag"
        type="search"
        placeholder="e.g. ios"
        maxLength={32}
        value={value.tag}
        onChange={(event) => onChange({ ...value, tag: event.target.value })}
      />
      <SelectField
        label="Sort by"
        value={value.sort}
        options={SORT_OPTIONS}
        onChange={(event) => onChange({ ...value, sort: event.target.value as TItemSort })}
      />
    </search>
  );
}
