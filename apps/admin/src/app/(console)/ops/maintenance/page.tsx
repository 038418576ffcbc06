import type { Metadata } from 'next';
import { MaintenanceView } from '~/components/maintenance/maintenance-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Maintenance' };

export default function MaintenancePage() {
  return (
    <Prefetched
      queries={[
        { path: 'maintenance.get' },
        { path: 'maintenance.getSchedule' },
        { path: 'maintenance.getSwitch' },
      ]}
    >
      <MaintenanceView />
    </Prefetched>
  );
}
