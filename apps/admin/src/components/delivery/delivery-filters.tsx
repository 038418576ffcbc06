'use client';

import { PUSH_TYPES } from '@bytelyst/routers/modules/delivery/schema';
import { Button } from '~/components/kit/button';
import { SelectField, TextField } from '~/components/kit/field';
import { titleCase } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { CHANNEL_LABELS, STATUS_OPTIONS } from './delivery-badges';
import type { DeliveryFilters as Filters } from './delivery-list';

type Props = { value: Filters; onChange: (next: Filters) => void; onClear: () => void; active: boolean };

export function DeliveryFilters({ value, onChange, onClear, active }: Props) {
  const templates = trpc.delivery.listTemplates.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const set = <Key extends keyof Filters>(key: Key, next: Filters[Key]) =>
    onChange({ ...value, [key]: next });
  return (
    <search className="filters">
      <TextField
        className="field-grow"
        label="Recipient email"
        type="search"
        placeholder="ada@example.com"
        value={value.email}
        onChange={(event) => set('email', event.target.value)}
      />
      <SelectField
        label="Channel"
        value={value.channel}
        options={[
          { value: '', label: 'Email and push' },
          { value: 'email', label: CHANNEL_LABELS.email },
          { value: 'push', label: CHANNEL_LABELS.push },
        ]}
        onChange={(event) => set('channel', event.target.value as Filters['channel'])}
      />
      <SelectField
        label="Status"
        value={value.status}
        options={[{ value: '', label: 'Any status' }, ...STATUS_OPTIONS]}
        onChange={(event) => set('status', event.target.value as Filters['status'])}
      />
      <SelectField
        label="Template"
        value={value.template}
        options={[
          { value: '', label: 'Any template' },
          ...(templates.data?.items ?? []).map((t) => ({ value: t.name, label: t.title })),
          ...PUSH_TYPES.map((type) => ({ value: type, label: `Push: ${titleCase(type)}` })),
        ]}
        onChange={(event) => set('template', event.target.value)}
      />
      <TextField
        label="From"
        type="date"
        value={value.from}
        max={value.to || undefined}
        onChange={(event) => set('from', event.target.value)}
      />
      <TextField
        label="To"
        type="date"
        value={value.to}
        min={value.from || undefined}
        onChange={(event) => set('to', event.target.value)}
      />
      {active ? (
        <Button variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
