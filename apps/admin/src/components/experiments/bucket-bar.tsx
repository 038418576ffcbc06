import type { VariationRange } from '@bytelyst/routers/modules/experiments/assignment';
import styles from './experiments.module.css';
import { variantColor } from './labels';

const share = (x: number) => `${(x * 100).toFixed(Number.isInteger(x * 100) ? 0 : 1)} %`;
const range = ([start, end]: VariationRange) => `${start.toFixed(3)}–${end.toFixed(3)}`;

/**
 * The hash space from 0 to 1 as assignment splits it: each variant's bucket range in its colour, and the gaps
 * (units outside the coverage) hatched. The ranges come from the backend's `getBucketRanges`.
 */
export function BucketBar({
  ranges,
  labels,
}: {
  ranges: readonly VariationRange[];
  labels: readonly string[];
}) {
  const described = ranges.map((r, i) => `${labels[i] ?? i} ${range(r)}`).join(', ');
  const excluded = 1 - ranges.reduce((sum, [start, end]) => sum + (end - start), 0);
  return (
    <div className={styles.bucket}>
      <div className={styles.bucketBar} role="img" aria-label={`Bucket ranges: ${described}`}>
        {ranges.map(([start, end], i) => (
          <span
            key={i}
            className={styles.bucketRange}
            style={{
              left: `${start * 100}%`,
              width: `${(end - start) * 100}%`,
              background: variantColor(i),
            }}
            title={`${labels[i] ?? i}: ${range([start, end])}`}
          />
        ))}
      </div>
      <ul className={styles.bucketLegend}>
        {ranges.map(([start, end], i) => (
          <li key={i}>
            <span className={styles.swatch} style={{ background: variantColor(i) }} aria-hidden="true" />
            <span className="mono">{labels[i] || `variant ${i}`}</span>{' '}
            <span className="muted">
              {range([start, end])} · {share(end - start)} of units
            </span>
          </li>
        ))}
        {excluded > 1e-9 ? (
          <li>
            <span className={`${styles.swatch} ${styles.swatchExcluded}`} aria-hidden="true" />
            Not in the experiment <span className="muted">· {share(excluded)} of units</span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
