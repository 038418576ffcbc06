'use client';

import { ErrorState } from '~/components/kit/states';

export default function ConsoleError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card">
      <ErrorState error={error} onRetry={reset} />
    </div>
  );
}
