'use client';

import type { TIncidentImpact, TStatusComponent } from '@bytelyst/routers/modules/status/schema';
import { IMPACT_LABELS } from './labels';
import styles from './status-admin.module.css';

export type Impacts = Record<string, TIncidentImpact | ''>;

export const impactsToInput = (impacts: Impacts) =>
  Object.entries(impacts).flatMap(([id, impact]) => (impact ? [{ id, impact }] : []));

/** One row per component: not affected, or the impact the incident has on it. */
export function ImpactPicker({
  components,
  value,
  onChange,
}: {
  components: readonly TStatusComponent[];
  value: Impacts;
  onChange: (next: Impacts) => void;
}) {
  return (
    <fieldset className="field-group">
      <legend className="field-group-legend">Affected components</legend>
      {components.map((component) => (
        <label key={component.id} className={styles.impactRow}>
          <span>{component.name}</span>
          <select
            className="select select-sm"
            aria-label={`Impact on ${component.name}`}
            value={value[component.id] ?? ''}
            onChange={(event) =>
              onChange({ ...value, [component.id]: event.target.value as TIncidentImpact | '' })
            }
          >
            <option value="">Not affected</option>
            {(['degraded_performance', 'partial_outage', 'major_outage'] as const).map((impact) => (
              <option key={impact} value={impact}>
                {IMPACT_LABELS[impact]}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
