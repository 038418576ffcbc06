'use client';

import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

type FieldShell = { label: string; error?: string | undefined; hint?: string; className?: string };

function Shell({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: string) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextField({
  label,
  error,
  hint,
  className,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Shell>
  );
}

/** A multi-line field with the same label, hint and error layout as `TextField`. */
export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...area
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        className="textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...area}
      />
    </Shell>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  label,
  error,
  hint,
  className,
  options,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[] }) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <select
        id={id}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** A `#rrggbb` text field with a colour picker beside it; both edit the same value. */
export function ColorField({
  value,
  onValue,
  fallback = '#000000',
  ...field
}: FieldShell &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
    value: string;
    onValue(next: string): void;
    /** What the picker shows while the text is not a colour. */
    fallback?: string;
  }) {
  return (
    <div className="color-field">
      <TextField
        {...field}
        spellCheck={false}
        value={value}
        onChange={(event) => onValue(event.target.value)}
      />
      <input
        type="color"
        className="color-swatch"
        aria-label={`${field.label} picker`}
        value={HEX_COLOUR.test(value.trim()) ? value.trim() : fallback}
        onChange={(event) => onValue(event.target.value)}
      />
    </div>
  );
}

/** Related fields under a caption, framed. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="field-group" aria-labelledby={id}>
      <legend className="field-group-legend" id={id}>
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}
