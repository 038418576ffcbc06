'use client';

import { EXPORT_TYPES, type TExportFormat, type TExportType } from '@bytelyst/routers/modules/exports/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { SelectField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { titleCase } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import {
  EMPTY_EXPORT_FORM,
  type ExportFormValues,
  exportFiltersOf,
  filterKeysOf,
  STATUS_OPTIONS,
  TYPE_LABELS,
} from './export-form';
import styles from './exports.module.css';

const LABELS: Record<string, { label: string; placeholder?: string; type?: string }> = {
  plan: { label: 'Plan', placeholder: 'e.g. pro' },
  search: { label: 'Search', placeholder: 'Part of the email or name' },
  action: { label: 'Action', placeholder: 'e.g. users.setRoles' },
  userId: { label: 'User ID' },
  eventType: { label: 'Event type', placeholder: 'e.g. app.start' },
  from: { label: 'From', type: 'date' },
  to: { label: 'To', type: 'date' },
};

const SELECTS: Record<string, readonly string[]> = {
  role: ['user', 'admin', 'super_admin'],
  platform: ['ios', 'android', 'macos', 'windows', 'linux', 'web', 'other'],
};

/** Start an export: the type, the format, and the filters of that type (roadmap §2.9). */
export function StartExportCard() {
  const [values, setValues] = useState<ExportFormValues>(EMPTY_EXPORT_FORM);
  const { fields, formError, fromApi, check } = useFormErrors();
  const start = trpc.exports.create.useMutation(
    useMutationFeedback({
      success: (job) => `${TYPE_LABELS[job.type as TExportType]} export started.`,
      invalidate: (u) => [u.exports.list.invalidate()],
      form: { fromApi },
    }),
  );
  const set = (patch: Partial<ExportFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const keys = filterKeysOf(values.type);

  return (
    <Card
      titleId="start-export"
      title="New export"
      subtitle="Runs in the background; the file can be downloaded for 7 days."
    >
      <form
        className={styles.form}
        aria-label="New export"
        onSubmit={(event) => {
          event.preventDefault();
          check({});
          start.mutate({ type: values.type, format: values.format, filters: exportFiltersOf(values) });
        }}
      >
        <div className={styles.filters}>
          <SelectField
            label="Data"
            value={values.type}
            options={EXPORT_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }))}
            onChange={(event) =>
              set({ ...EMPTY_EXPORT_FORM, format: values.format, type: event.target.value as TExportType })
            }
          />
          <SelectField
            label="Format"
            value={values.format}
            options={[
              { value: 'csv', label: 'CSV' },
              { value: 'ndjson', label: 'NDJSON' },
            ]}
            onChange={(event) => set({ format: event.target.value as TExportFormat })}
          />
        </div>
        <div className={styles.filters}>
          {keys.map((key) => {
            const error = fields[`filters.${key}`];
            const options = key === 'status' ? STATUS_OPTIONS[values.type] : SELECTS[key];
            if (options) {
              return (
                <SelectField
                  key={key}
                  label={titleCase(key)}
                  value={values[key]}
                  error={error}
                  options={[
                    { value: '', label: 'Any' },
                    ...options.map((o) => ({ value: o, label: titleCase(o) })),
                  ]}
                  onChange={(event) => set({ [key]: event.target.value })}
                />
              );
            }
            const meta = LABELS[key] ?? { label: titleCase(key) };
            return (
              <TextField
                key={key}
                label={meta.label}
                type={meta.type ?? 'text'}
                placeholder={meta.placeholder}
                value={values[key]}
                error={error}
                onChange={(event) => set({ [key]: event.target.value })}
              />
            );
          })}
        </div>
        <FormError message={formError} />
        <div className="row">
          <Button type="submit" variant="primary" loading={start.isPending}>
            Start export
          </Button>
        </div>
      </form>
    </Card>
  );
}
