'use client';

import { PageHeader } from '~/components/kit/page-header';
import { ErrorState } from '~/components/kit/states';
import { trpc } from '~/lib/trpc';
import { KillSwitchCard } from './kill-switch-card';
import { PublicPreviewCard } from './public-preview-card';
import { KILL_SWITCH_INPUT } from './settings-queries';
import { UserSettingsCard } from './user-settings-card';

export function SettingsView() {
  const killSwitch = trpc.settings.getKillSwitch.useQuery(KILL_SWITCH_INPUT);

  return (
    <>
      <PageHeader
        title="Settings"
        description="The kill switch every client of the selected product checks, and users' stored settings."
      />
      {killSwitch.error ? (
        <div className="card">
          <ErrorState error={killSwitch.error} onRetry={() => void killSwitch.refetch()} />
        </div>
      ) : killSwitch.data ? (
        <div className="grid grid-halves">
          <KillSwitchCard current={killSwitch.data} />
          <PublicPreviewCard current={killSwitch.data} />
        </div>
      ) : (
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '60%' }} />
        </div>
      )}
      <UserSettingsCard />
    </>
  );
}
