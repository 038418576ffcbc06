import type { TMetricUsage } from '@bytelyst/routers/modules/billing/usage/schema';

const number = new Intl.NumberFormat('en');

/** Used against the limit as a native meter (amber past 80%, red at the limit), or the count when unlimited. */
export function UsageMeter({ usage }: { usage: TMetricUsage }) {
  if (usage.limit === null) {
    return (
      <span className="tabular">
        {number.format(usage.used)} <span className="muted">· unlimited</span>
      </span>
    );
  }
  const limit = Math.max(usage.limit, 1);
  return (
    <span className="row row-tight">
      <meter
        min={0}
        max={limit}
        low={limit * 0.8}
        high={limit * 0.999}
        optimum={0}
        value={Math.min(usage.used, limit)}
        aria-label={`${usage.metric}: ${usage.used} of ${usage.limit}`}
        style={{ width: 72 }}
      />
      <span className="tabular nowrap">
        {number.format(usage.used)} / {number.format(usage.limit)}
      </span>
    </span>
  );
}

export const formatCount = (value: number) => number.format(value);
