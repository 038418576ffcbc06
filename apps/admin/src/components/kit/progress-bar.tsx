/**
 * A bar for long work a person watches (exports, backups, recoveries, recomputes): `value` of `max`, or moving
 * without a known end while `max` is null. The `progressbar` role carries the numbers for assistive tech and
 * tests; the caption next to it is the caller's.
 */
export function ProgressBar({
  label,
  value,
  max,
  tone,
  complete = false,
  thick = false,
  className,
}: {
  label: string;
  value: number;
  /** The total, or null while it is not known yet. */
  max: number | null;
  tone?: 'success' | 'danger';
  /** Finished: the bar is full whatever the numbers (an estimate may have been short). */
  complete?: boolean;
  /** A taller bar, for a page's one main progress rather than a table cell. */
  thick?: boolean;
  className?: string;
}) {
  const share = complete ? 1 : max === null || max <= 0 ? 0 : Math.min(1, Math.max(0, value / max));
  return (
    <div
      className={['progress-track', thick ? 'progress-track-thick' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={value}
    >
      <div className="progress-fill" data-tone={tone} style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}
