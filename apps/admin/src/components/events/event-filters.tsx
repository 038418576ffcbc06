'use client';

import { Button } from '~/components/kit/button';
import { SelectField } from '~/components/kit/field';
import { EVENT_STATUS_OPTIONS } from './event-badges';
import { EVENTS_LIST, type EventFilterValues } from './events-list';
import { useEventTypeOptions } from './use-event-types';

const RANGES = [
  { value: '', label: 'Any time', ms: 0 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

export function EventFilters({
  value,
  onChange,
}: {
  value: EventFilterValues;
  onChange: (next: EventFilterValues) => void;
}) {
  const typeOptions = useEventTypeOptions();
  const setRange = (range: string) => {
    const ms = RANGES.find((r) => r.value === range)?.ms ?? 0;
    onChange({ ...value, range, from: ms ? new Date(Date.now() - ms).toISOString() : '' });
  };
  const active = Boolean(value.type || value.status || value.range);
  return (
    <search className="filters">
      <SelectField
        label="Type"
        value={value.type}
        options={typeOptions}
        onChange={(event) => onChange({ ...value, type: event.target.value })}
      />
      <SelectField
        label="Status"
        value={value.status}
        options={[{ value: '', label: 'Any status' }, ...EVENT_STATUS_OPTIONS]}
        onChange={(event) =>
          onChange({ ...value, status: event.target.value as EventFilterValues['status'] })
        }
      />
      <SelectField
        label="Time range"
        value={value.range}
        options={RANGES}
        onChange={(event) => setRange(event.target.value)}
      />
      {active ? (
        <Button variant="ghost" onClick={() => onChange(EVENTS_LIST.defaults)}>
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
