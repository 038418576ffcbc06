'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Icon } from '~/components/kit/icon';
import { useToast } from '~/components/kit/toast';
import { trpc } from '~/lib/trpc';
import styles from './shell-bar.module.css';

export function UserMenu() {
  const me = trpc.auth.getMine.useQuery();
  const toast = useToast();
  const [signingOut, setSigningOut] = useState(false);
  const email = me.data?.email;

  const signOut = async () => {
    setSigningOut(true);
    try {
      await fetch('/api/session', { method: 'DELETE' });
      window.location.assign('/sign-in');
    } catch {
      setSigningOut(false);
      toast.error('Could not sign out. Check your connection and try again.');
    }
  };

  return (
    <div className={styles.userChip}>
      <span className={styles.avatar} aria-hidden="true">
        {(email ?? '?').slice(0, 1)}
      </span>
      <span data-testid="current-user">{email ?? (me.isLoading ? 'Loading…' : '')}</span>
      <Button variant="ghost" size="sm" onClick={() => void signOut()} loading={signingOut}>
        <Icon name="logout" size={14} />
        Sign out
      </Button>
    </div>
  );
}
