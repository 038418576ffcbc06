'use client';

import { SelectField, TextField } from '~/components/kit/field';
import { ROLE_OPTIONS } from './roles';
import type { UserFilterValues } from './users-list';

export type { UserFilterValues };

export function UserFilters({
  value,
  onChange,
}: {
  value: UserFilterValues;
  onChange: (next: UserFilterValues) => void;
}) {
  return (
    <search className="filters">
      <TextField
        className="field-grow"
        label="Search"
        type="search"
        placeholder="Email or name"
        value={value.search}
        onChange={(event) => onChange({ ...value, search: event.target.value })}
      />
      <SelectField
        label="Filter by role"
        value={value.role}
        options={[{ value: '', label: 'All roles' }, ...ROLE_OPTIONS]}
        onChange={(event) => onChange({ ...value, role: event.target.value as UserFilterValues['role'] })}
      />
      <SelectField
        label="Filter by status"
        value={value.status}
        options={[
          { value: '', label: 'Any status' },
          { value: 'active', label: 'Active' },
          { value: 'disabled', label: 'Disabled' },
        ]}
        onChange={(event) => onChange({ ...value, status: event.target.value as UserFilterValues['status'] })}
      />
    </search>
  );
}
