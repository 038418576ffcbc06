'use client';

import { Button } from '~/components/kit/button';
import { type Option, SelectField, TextField } from '~/components/kit/field';
import { AUDIT_LIST, type AuditFilterValues } from './audit-list';

export type { AuditFilterValues };

const EMPTY_AUDIT_FILTERS = AUDIT_LIST.defaults;

const KINDS: readonly Option[] = [
  { value: '', label: 'All entries' },
  { value: 'admin', label: 'Admin actions' },
  { value: 'impersonation', label: 'Impersonation' },
];

export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilterValues;
  onChange: (next: AuditFilterValues) => void;
}) {
  const set = (key: keyof AuditFilterValues) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });
  const active = Object.values(value).some(Boolean);
  return (
    <search className="filters">
      <TextField label="Actor" placeholder="User ID" value={value.actorId} onChange={set('actorId')} />
      <TextField
        label="Action"
        placeholder="e.g. users.setRoles"
        value={value.action}
        onChange={set('action')}
      />
      <TextField label="Target" placeholder="Target ID" value={value.targetId} onChange={set('targetId')} />
      <SelectField label="Kind" options={KINDS} value={value.kind} onChange={set('kind')} />
      <TextField label="From" type="date" value={value.from} onChange={set('from')} />
      <TextField label="To" type="date" value={value.to} onChange={set('to')} />
      {active ? (
        <Button variant="ghost" onClick={() => onChange(EMPTY_AUDIT_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
    </search>
  );
}
