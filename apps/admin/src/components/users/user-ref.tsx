'use client';

import Link from 'next/link';
import { httpStatusOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/**
 * A user of the selected product shown by email and linked to their page. The id shows until the user loads
 * (lookups of one page go out as one batched request) and stays, marked, for a user who no longer exists.
 */
export function UserRef({ userId }: { userId: string }) {
  const user = trpc.users.get.useQuery({ id: userId }, { staleTime: 60_000 });
  if (user.error && httpStatusOf(user.error) === 404) {
    return (
      <span className="mono muted" title="This user no longer exists">
        {userId} (deleted)
      </span>
    );
  }
  return (
    <Link className="table-link" href={`/users/${encodeURIComponent(userId)}`} title={userId}>
      {user.data ? user.data.email : <span className="mono">{userId}</span>}
    </Link>
  );
}
