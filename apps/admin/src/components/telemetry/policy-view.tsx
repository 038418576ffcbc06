'use client';

import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { PolicyForm } from './policy-form';
import { TelemetryHeader } from './telemetry-header';

export function PolicyView() {
  const policy = trpc.telemetry.policy.get.useQuery();
  return (
    <>
      <TelemetryHeader tab="policy" />
      {policy.error ? (
        <div className="card">
          <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
        </div>
      ) : policy.data ? (
        <PolicyForm policy={policy.data} />
      ) : (
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '70%' }} />
          <span className="skeleton" style={{ width: '55%' }} />
        </div>
      )}
    </>
  );
}
