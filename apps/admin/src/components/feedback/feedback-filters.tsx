'use client';

import { Button } from '~/components/kit/button';
import { SelectField, TextField } from '~/components/kit/field';
import { FEEDBACK_LIST, type FeedbackFilterValues } from './feedback-list';
import { optionsOf, PLATFORM_LABELS, STATUS_LABELS, TYPE_LABELS } from './labels';

const SCORES = [
  { value: '', label: 'Any' },
  ...Array.from({ length: 11 }, (_, s) => ({ value: String(s), label: String(s) })),
];

export function FeedbackFilters({
  value,
  onChange,
}: {
  value: FeedbackFilterValues;
  onChange: (next: FeedbackFilterValues) => void;
}) {
  const set = (key: keyof FeedbackFilterValues) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });
  const active = Object.values(value).some(Boolean);
  return (
    <search className="filters">
      <SelectField
        label="Type"
        value={value.type}
        options={[{ value: '', label: 'All types' }, ...optionsOf(TYPE_LABELS)]}
        onChange={set('type')}
      />
      <SelectField
        label="Platform"
        value={value.platform}
        options={[{ value: '', label: 'All platforms' }, ...optionsOf(PLATFORM_LABELS)]}
        onChange={set('platform')}
      />
      <SelectField
        label="Status"
        value={value.status}
        options={[{ value: '', label: 'Any status' }, ...optionsOf(STATUS_LABELS)]}
        onChange={set('status')}
      />
      <TextField label="From" type="date" value={value.from} onChange={set('from')} />
      <TextField label="To" type="date" value={value.to} onChange={set('to')} />
      <SelectField
        label="Score at least"
        value={value.scoreMin}
        options={SCORES}
        onChange={set('scoreMin')}
      />
      <SelectField label="Score at most" value={value.scoreMax} options={SCORES} onChange={set('scoreMax')} />
      {active ? (
        <Button variant="ghost" onClick={() => onChange(FEEDBACK_LIST.defaults)}>
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
