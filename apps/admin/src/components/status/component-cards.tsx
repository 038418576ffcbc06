'use client';

import type { TStatusComponent } from '@bytelyst/routers/modules/status/schema';
import { Badge } from '~/components/kit/badge';
import { formatRelative } from '~/lib/format';
import { STATE_LABELS, STATE_TONES } from './labels';
import styles from './status-admin.module.css';

const WIDTH = 200;
const HEIGHT = 32;

/** The latest check latencies as a line, scaled between the fastest and the slowest (flat in the middle). */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  if (values.length < 2) return <div className={styles.sparklineEmpty}>No latency yet</div>;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const step = WIDTH / (values.length - 1);
  const y = (value: number) =>
    max === min ? HEIGHT / 2 : HEIGHT - 3 - ((value - min) / (max - min)) * (HEIGHT - 6);
  const points = values
    .map((value, index) => `${(index * step).toFixed(1)},${y(value).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      className={styles.sparkline}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}: latest latencies, ${min} to ${max} ms`}
    >
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

type Props = { components: readonly TStatusComponent[]; monitorsOf: (id: string) => number; now: number };

/** One card per component: its state now, its monitors' latency, when it was last checked. */
export function ComponentCards({ components, monitorsOf, now }: Props) {
  return (
    <div className={styles.cards}>
      {components.map((component) => {
        const latest = component.latencies.at(-1);
        const monitors = monitorsOf(component.id);
        return (
          <article key={component.id} className={`card ${styles.componentCard}`} aria-label={component.name}>
            <div className={styles.componentTop}>
              <div>
                <div className={styles.componentName}>{component.name}</div>
                <div className={styles.componentGroup}>
                  {component.group ?? 'No group'} · <code>{component.id}</code>
                </div>
              </div>
              <Badge tone={STATE_TONES[component.state]} dot>
                {STATE_LABELS[component.state]}
              </Badge>
            </div>
            <Sparkline values={component.latencies} label={component.name} />
            <div className={styles.componentMeta}>
              <span>
                {monitors} monitor{monitors === 1 ? '' : 's'}
                {latest !== undefined ? ` · ${latest} ms` : ''}
              </span>
              <span>
                {component.lastCheckedAt
                  ? `Checked ${formatRelative(component.lastCheckedAt, now)}`
                  : 'Not checked'}
              </span>
            </div>
          </article>
        );
      })}
    </div>
  );
}
