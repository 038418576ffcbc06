import type { Metadata } from 'next';
import { KILL_SWITCH_INPUT } from '~/components/settings/settings-queries';
import { SettingsView } from '~/components/settings/settings-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <Prefetched queries={[{ path: 'settings.getKillSwitch', input: KILL_SWITCH_INPUT }]}>
      <SettingsView />
    </Prefetched>
  );
}
