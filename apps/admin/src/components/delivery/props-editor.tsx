'use client';

import { ColorField, FieldGroup, SelectField, TextField } from '~/components/kit/field';
import type { FieldErrors } from '~/lib/api-errors';
import { errorKey, type PropField, parseInput, valueAt, withValue } from './props-fields';

type Props = {
  fields: readonly PropField[];
  value: Record<string, unknown>;
  errors: FieldErrors;
  onChange: (next: Record<string, unknown>) => void;
};

const INPUT_TYPES = {
  text: 'text',
  email: 'email',
  url: 'url',
  datetime: 'text',
  number: 'number',
  color: 'text',
};
const HINTS: Partial<Record<PropField['kind'], string>> = {
  datetime: 'ISO date and time, e.g. 2025-03-14T09:30:00Z',
  color: 'A #rrggbb colour',
};

const textOf = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Inputs generated from the template's props schema; each shows the server's error for its path. */
export function PropsEditor({ fields, value, errors, onChange }: Props) {
  return (
    <div className="form">
      {fields.map((field) => (
        <PropInput key={field.key} field={field} value={value} errors={errors} onChange={onChange} />
      ))}
    </div>
  );
}

function PropInput({
  field,
  value,
  errors,
  onChange,
}: {
  field: PropField;
  value: Record<string, unknown>;
  errors: FieldErrors;
  onChange: (next: Record<string, unknown>) => void;
}) {
  const label = field.optional ? `${field.label} (optional)` : field.label;
  if (field.kind === 'group') {
    return (
      <FieldGroup legend={label}>
        {field.fields.map((child) => (
          <PropInput key={child.key} field={child} value={value} errors={errors} onChange={onChange} />
        ))}
      </FieldGroup>
    );
  }
  const current = textOf(valueAt(value, field.path));
  const set = (text: string) => onChange(withValue(value, field.path, parseInput(field, text)));
  const shared = {
    label,
    hint: HINTS[field.kind],
    error: errors[errorKey(field.path)],
  };
  if (field.kind === 'color') return <ColorField {...shared} value={current} onValue={set} />;
  if (field.kind === 'choice') {
    const options = field.options.map((option) => ({ value: option, label: option }));
    return (
      <SelectField
        {...shared}
        options={field.optional ? [{ value: '', label: '(none)' }, ...options] : options}
        value={current}
        onChange={(event) => set(event.target.value)}
      />
    );
  }
  return (
    <TextField
      {...shared}
      type={INPUT_TYPES[field.kind]}
      inputMode={field.kind === 'number' ? 'numeric' : undefined}
      spellCheck={false}
      value={current}
      onChange={(event) => set(event.target.value)}
    />
  );
}
