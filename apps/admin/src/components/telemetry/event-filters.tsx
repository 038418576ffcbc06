'use client';

import { Button } from '~/components/kit/button';
import { SelectField, TextField } from '~/components/kit/field';
import { CLIENT_EVENTS_LIST, type ClientEventFilters as EventFilterValues } from './telemetry-lists';

const LEVELS = [
  { value: '', label: 'Any level' },
  { value: 'debug', label: 'Debug' },
  { value: 'info', label: 'Info' },
  { value: 'warn', label: 'Warn' },
  { value: 'error', label: 'Error' },
  { value: 'fatal', label: 'Fatal' },
];

export function EventFilters({
  value,
  onChange,
}: {
  value: EventFilterValues;
  onChange: (next: EventFilterValues) => void;
}) {
  const set = (key: keyof EventFilterValues) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });
  const active = Object.values(value).some(Boolean);
  return (
    <search className="filters">
      <SelectField label="Level" value={value.level} options={LEVELS} onChange={set('level')} />
      <TextField label="Event name" placeholder="e.g. app.start" value={value.name} onChange={set('name')} />
      <TextField label="User" placeholder="User ID" value={value.userId} onChange={set('userId')} />
      <TextField
        label="Cluster"
        placeholder="Fingerprint"
        value={value.fingerprint}
        onChange={set('fingerprint')}
      />
      <TextField label="From" type="datetime-local" value={value.from} onChange={set('from')} />
      <TextField label="To" type="datetime-local" value={value.to} onChange={set('to')} />
      {active ? (
        <Button variant="ghost" onClick={() => onChange(CLIENT_EVENTS_LIST.defaults)}>
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
