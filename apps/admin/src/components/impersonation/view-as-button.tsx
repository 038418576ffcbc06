'use client';

import type { TUser } from '@bytelyst/routers/modules/users/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { useToast } from '~/components/kit/toast';

/**
 * "View as user" on user detail: opens a read-only view of what the user sees through the API, for 15
 * minutes, every request audited. Admins cannot be viewed as, nor disabled users (the API refuses both).
 */
export function ViewAsUserButton({ user }: { user: Pick<TUser, 'id' | 'roles' | 'status'> }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const isAdmin = user.roles.some((role) => role !== 'user');
  const why = isAdmin
    ? 'Admins cannot be viewed as'
    : user.status !== 'active'
      ? 'Disabled users cannot be viewed as'
      : undefined;

  const start = async () => {
    setPending(true);
    try {
      const response = await fetch('/api/impersonation', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: user.id }),
      });
      if (response.ok) {
        window.location.assign('/view-as');
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      toast.error(body.message ?? 'Could not start the view. Try again.');
    } catch {
      toast.error('The console could not be reached. Check your connection.');
    }
    setPending(false);
  };

  return (
    <Button disabled={why !== undefined} title={why} loading={pending} onClick={() => void start()}>
      View as user
    </Button>
  );
}
