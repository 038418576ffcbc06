'use client';

import { Button } from '~/components/kit/button';
import { Icon } from '~/components/kit/icon';

/** A fieldset laid out like the other fields, without the browser's frame. */
const FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

export type QuotaRow = { metric: string; limit: string; period: 'day' | 'month' };

/** Quotas of a plan as editable rows: metric, limit (blank = unlimited) and the period it resets on. */
export function QuotaRows({
  rows,
  onChange,
  error,
}: {
  rows: readonly QuotaRow[];
  onChange: (rows: QuotaRow[]) => void;
  error?: string | undefined;
}) {
  const update = (index: number, patch: Partial<QuotaRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="field" style={FIELDSET}>
      <legend className="field-label">Quotas</legend>
      {rows.length === 0 ? <span className="field-hint">No quotas: every metric is unlimited.</span> : null}
      {rows.map((row, index) => (
        <div className="row row-tight" key={index}>
          <input
            className="input input-sm"
            aria-label={`Quota ${index + 1} metric`}
            placeholder="api.calls"
            value={row.metric}
            maxLength={64}
            onChange={(event) => update(index, { metric: event.target.value })}
          />
          <input
            className="input input-sm"
            aria-label={`Quota ${index + 1} limit`}
            placeholder="Unlimited"
            inputMode="numeric"
            value={row.limit}
            onChange={(event) => update(index, { limit: event.target.value })}
          />
          <select
            className="select select-sm"
            aria-label={`Quota ${index + 1} period`}
            value={row.period}
            onChange={(event) => update(index, { period: event.target.value as QuotaRow['period'] })}
          >
            <option value="day">per day</option>
            <option value="month">per month</option>
          </select>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove quota ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Icon name="x" size={14} />
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, { metric: '', limit: '', period: 'month' }])}>
          <Icon name="plus" size={14} />
          Add quota
        </Button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A plan's feature list as editable rows, in the order a pricing page shows them. */
export function FeatureRows({
  rows,
  onChange,
  error,
}: {
  rows: readonly string[];
  onChange: (rows: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset className="field" style={FIELDSET}>
      <legend className="field-label">Features</legend>
      {rows.map((feature, index) => (
        <div className="row row-tight" key={index}>
          <input
            className="input input-sm"
            aria-label={`Feature ${index + 1}`}
            value={feature}
            maxLength={120}
            onChange={(event) => onChange(rows.map((f, i) => (i === index ? event.target.value : f)))}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove feature ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Icon name="x" size={14} />
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, ''])} disabled={rows.length >= 50}>
          <Icon name="plus" size={14} />
          Add feature
        </Button>
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
