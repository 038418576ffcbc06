import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'success' | 'danger' | 'warning' | 'info' | 'accent';

export function Badge({
  tone = 'neutral',
  dot = false,
  children,
}: {
  tone?: Tone;
  dot?: boolean;
  children: ReactNode;
}) {
  const classes = ['badge', tone === 'neutral' ? '' : `badge-${tone}`, dot ? 'badge-dot' : ''].filter(
    Boolean,
  );
  return <span className={classes.join(' ')}>{children}</span>;
}
