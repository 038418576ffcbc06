'use client';

import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Icon } from '~/components/kit/icon';
import styles from './impersonation.module.css';

/** `m:ss` of what is left. */
const formatLeft = (ms: number) => {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

type Props = {
  name: string;
  userId: string;
  expiresAtMs: number;
  /** The server's clock when it rendered the page: the first paint, before the countdown ticks here. */
  renderedAtMs: number;
};

/**
 * The view's persistent banner: whose view this is, that everything is audited, the time the shadow token has
 * left (counting down), and the end button, which ends the impersonation and goes back to the user's page.
 */
export function ImpersonationBanner({ name, userId, expiresAtMs, renderedAtMs }: Props) {
  const [now, setNow] = useState(renderedAtMs);
  const [ending, setEnding] = useState(false);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = expiresAtMs - now;

  const end = async () => {
    setEnding(true);
    // Ending is best effort here: the cookie is dropped either way, and the token dies on its own.
    await fetch('/api/impersonation', { method: 'DELETE' }).catch(() => undefined);
    window.location.assign(`/users/${encodeURIComponent(userId)}`);
  };

  return (
    <section className={styles.banner} aria-label="Impersonation">
      <span className={styles.bannerIcon} aria-hidden="true">
        <Icon name="users" size={16} />
      </span>
      <strong className={styles.bannerText}>Viewing as {name} — every action is audited</strong>
      <span className={styles.timer} data-testid="impersonation-time-left">
        {left > 0 ? `${formatLeft(left)} left` : 'Expired: end to go back'}
      </span>
      <Button variant="primary" size="sm" loading={ending} onClick={() => void end()}>
        End impersonation
      </Button>
    </section>
  );
}
