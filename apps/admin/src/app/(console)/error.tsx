'use client';

import { ErrorState } from '~/components/states';

export default function ConsoleError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card">
      <ErrorState error={error} onRetry={reset} />
    </div>
  );
}
