'use client';

import { Card } from '~/components/kit/card';
import { ProgressBar } from '~/components/kit/progress-bar';
import { trpc } from '~/lib/trpc';
import styles from './i18n.module.css';

/** One bar per locale: translated and reviewed source keys over all source keys. */
export function CoverageCard() {
  const coverage = trpc.i18n.stats.useQuery();
  const data = coverage.data;
  return (
    <Card
      titleId="coverage-title"
      title="Coverage"
      subtitle={data ? `${data.sourceKeys} source keys` : 'Translated and reviewed strings per locale'}
    >
      <div className={styles.bars}>
        {(data?.locales ?? []).map((l) => {
          const percent = Math.round(l.ratio * 100);
          return (
            <div key={l.locale} className={styles.bar}>
              <span className="mono">{l.locale}</span>
              <ProgressBar label={`${l.locale} coverage`} value={percent} max={100} tone="success" thick />
              <span className="cell-muted">
                {percent}% · {l.draft} draft · {l.missing} missing
              </span>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
