import type { TRevenuePoint } from '@bytelyst/routers/modules/analytics/schema-views';
import styles from './analytics.module.css';
import { formatMoney, formatPeriod, formatShare } from './format';

/** How the definitions' keys read on the page. */
export const DEFINITION_LABELS: Record<string, string> = {
  mrr: 'MRR',
  new: 'New',
  expansion: 'Expansion',
  contraction: 'Contraction',
  churned: 'Churned',
  reactivation: 'Reactivation',
  customerChurnRate: 'Customer churn',
  grossMrrChurnRate: 'Gross MRR churn',
  netMrrChurnRate: 'Net MRR churn',
  arpu: 'ARPU',
  ltv: 'LTV',
  movements: 'Movements',
};

type Figure = { key: string; label: string; value: string; hint: string };

/**
 * The latest period's revenue figures as stat cards, each with its short definition under it and the API's full
 * definition as its title.
 */
export function RevenueFigures({
  point,
  currency,
  definitions,
  granularity,
}: {
  point: TRevenuePoint | undefined;
  currency: string | null;
  definitions: Record<string, string>;
  granularity: 'day' | 'week' | 'month';
}) {
  const period = point
    ? `${granularity === 'day' ? '' : `${granularity} of `}${formatPeriod(point.period)}`
    : '';
  const figures: Figure[] = [
    { key: 'mrr', label: 'MRR', value: formatMoney(point?.mrr, currency), hint: `End of the ${period}` },
    {
      key: 'customerChurnRate',
      label: 'Customer churn',
      value: formatShare(point?.customerChurnRate),
      hint: 'Customers lost ÷ paying at the start',
    },
    {
      key: 'grossMrrChurnRate',
      label: 'Gross MRR churn',
      value: formatShare(point?.grossMrrChurnRate),
      hint: '(Churned + contraction) ÷ MRR at the start',
    },
    {
      key: 'netMrrChurnRate',
      label: 'Net MRR churn',
      value: formatShare(point?.netMrrChurnRate),
      hint: 'Gross − expansion − reactivation',
    },
    { key: 'arpu', label: 'ARPU', value: formatMoney(point?.arpu, currency), hint: 'MRR ÷ paying customers' },
    {
      key: 'ltv',
      label: 'LTV',
      value: formatMoney(point?.ltv, currency),
      hint: 'ARPA ÷ monthly customer churn',
    },
  ];
  return (
    <section
      className={`grid ${styles.revenueFigures}`}
      aria-label={`Revenue figures, ${period || 'latest period'}`}
    >
      {figures.map((f) => (
        <div className="card stat" key={f.key} title={definitions[f.key]}>
          <p className="stat-label">{f.label}</p>
          <p className="stat-value">{f.value}</p>
          <p className="stat-hint">{f.hint}</p>
        </div>
      ))}
    </section>
  );
}
