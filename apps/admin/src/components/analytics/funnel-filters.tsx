'use client';

import type { TStepFilter } from '@bytelyst/routers/modules/analytics/schema';
import { Button } from '~/components/kit/button';
import { SelectField, TextField } from '~/components/kit/field';
import { Icon } from '~/components/kit/icon';
import styles from './analytics.module.css';
import { emptyFilter, type FilterDraft } from './funnel-form';

const OPERATORS: readonly { value: TStepFilter['operator']; label: string }[] = [
  { value: 'eq', label: 'equals' },
  { value: 'neq', label: 'does not equal' },
  { value: 'contains', label: 'contains' },
  { value: 'gt', label: 'greater than' },
  { value: 'lt', label: 'less than' },
  { value: 'exists', label: 'is set' },
];

/** As many as the API takes per step. */
const MAX_FILTERS = 10;

/**
 * A step's property filters: each a condition on the event's `props` (or its `platform` / `appVersion`) that an
 * event must meet to count for the step. Errors come under the paths of the server's schema.
 */
export function StepFilters({
  step,
  filters,
  error,
  onChange,
}: {
  /** The step's number, as its legend reads. */
  step: number;
  filters: readonly FilterDraft[];
  error: (field: string) => string | undefined;
  onChange: (filters: FilterDraft[]) => void;
}) {
  const set = (index: number, change: Partial<FilterDraft>) =>
    onChange(filters.map((f, i) => (i === index ? { ...f, ...change } : f)));
  return (
    <div className={styles.stepFilters}>
      {filters.map((filter, j) => (
        <fieldset key={filter.key} className={styles.filterRow}>
          <legend className="visually-hidden">{`Step ${step} filter ${j + 1}`}</legend>
          <TextField
            label="Property"
            spellCheck={false}
            placeholder="platform, appVersion or a prop"
            value={filter.property}
            error={error(`filters.${j}.property`)}
            onChange={(event) => set(j, { property: event.target.value })}
          />
          <SelectField
            label="Operator"
            value={filter.operator}
            options={OPERATORS}
            error={error(`filters.${j}.operator`)}
            onChange={(event) => set(j, { operator: event.target.value as TStepFilter['operator'] })}
          />
          <TextField
            label="Value"
            value={filter.operator === 'exists' ? '' : filter.value}
            disabled={filter.operator === 'exists'}
            inputMode={filter.operator === 'gt' || filter.operator === 'lt' ? 'decimal' : undefined}
            error={error(`filters.${j}.value`)}
            onChange={(event) => set(j, { value: event.target.value })}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove filter ${j + 1} of step ${step}`}
            onClick={() => onChange(filters.filter((_, k) => k !== j))}
          >
            <Icon name="trash" size={14} />
          </Button>
        </fieldset>
      ))}
      <div>
        <Button
          size="sm"
          variant="ghost"
          disabled={filters.length >= MAX_FILTERS}
          onClick={() => onChange([...filters, emptyFilter()])}
        >
          <Icon name="plus" size={14} /> Add filter
        </Button>
      </div>
    </div>
  );
}
