import type { TRetentionOutput } from '@bytelyst/routers/modules/analytics/schema-views';
import styles from './analytics.module.css';
import { formatPeriod, formatShare } from './format';

type Cohort = TRetentionOutput['series'][number]['cohorts'][number];

/** Share of 1 to the cell's accent strength: a floor so 1 % is still tinted, the text turns light past half. */
const tint = (share: number) =>
  `color-mix(in srgb, var(--accent) ${Math.round(6 + share * 84)}%, var(--surface))`;

/**
 * Cohorts (rows) against days or weeks since they started (columns), each cell the share of the cohort active
 * then, coloured by that share; its title gives the counts. A cell whose day is not over yet is blank. Offsets
 * past the last one any cohort has reached are left out.
 */
export function RetentionHeatmap({
  cohorts,
  granularity,
  count,
  caption,
}: {
  cohorts: readonly Cohort[];
  granularity: 'day' | 'week';
  count: 'on' | 'onOrAfter';
  caption: string;
}) {
  const unit = granularity === 'day' ? 'Day' : 'Week';
  const reached = Math.max(0, ...cohorts.map((c) => c[count].findLastIndex((v) => v !== null)));
  const offsets = Array.from({ length: reached + 1 }, (_, n) => n);
  const verb = count === 'on' ? 'active on' : 'active on or after';
  return (
    <div className={styles.heatmapWrap}>
      <table className={styles.heatmap}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col">Users</th>
            {offsets.map((n) => (
              <th key={n} scope="col">
                {granularity === 'day' ? `D${n}` : `W${n}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((cohort) => {
            const name = `${granularity === 'week' ? 'Week of ' : ''}${formatPeriod(cohort.cohort)}`;
            return (
              <tr key={cohort.cohort}>
                <th scope="row">{name}</th>
                <td className="tabular">{cohort.size}</td>
                {offsets.map((n) => {
                  const value = cohort[count][n] ?? null;
                  if (value === null || cohort.size === 0) {
                    return (
                      <td key={n} className={`${styles.heatCell} ${styles.heatPending}`}>
                        {value === null ? '' : '–'}
                      </td>
                    );
                  }
                  const share = value / cohort.size;
                  return (
                    <td
                      key={n}
                      className={styles.heatCell}
                      data-strong={share > 0.55 ? '' : undefined}
                      style={{ background: tint(share) }}
                      title={`${name} (${cohort.size} users), ${unit.toLowerCase()} ${n}: ${value} ${verb} it (${formatShare(share)})`}
                    >
                      {formatShare(share)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
