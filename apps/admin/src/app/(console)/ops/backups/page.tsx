import type { Metadata } from 'next';
import { BACKUPS_LIST_INPUT } from '~/components/backups/backup-status';
import { BackupsView } from '~/components/backups/backups-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Backups' };

export default function BackupsPage() {
  return (
    <Prefetched
      queries={[
        { path: 'backups.list', input: BACKUPS_LIST_INPUT },
        { path: 'backups.getPolicy' },
        { path: 'auth.getMine' },
      ]}
    >
      <BackupsView />
    </Prefetched>
  );
}
